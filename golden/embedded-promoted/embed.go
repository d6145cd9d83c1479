// Package embeddedpromoted traces methods that are promoted through
// embedding, and a receiver whose Context method is promoted from an
// embedded *http.Request.
package embeddedpromoted

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Base has a traced method.
type Base struct{ name string }

// Name is traced once, on Base; calling it through Derived runs the same
// instrumented code.
//
//zipkin:trace
func (b *Base) Name(ctx context.Context) string {
	_, span := zipkin.Start(ctx, "embeddedpromoted.Base.Name") //zipkin:generated oneline
	defer span.End(nil)                                        //zipkin:generated
	return b.name
}

// Derived embeds Base.
type Derived struct {
	*Base
	extra int
}

// Extra is traced on Derived.
//
//zipkin:trace
func (d Derived) Extra(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "embeddedpromoted.Derived.Extra") //zipkin:generated oneline
	defer span.End(nil)                                            //zipkin:generated
	return d.extra
}

// Request embeds *http.Request and so has its Context method.
type Request struct {
	*http.Request
}

// Path has no context parameter: the span starts from r.Context(),
// promoted from the embedded request.
//
//zipkin:trace
func (r Request) Path() string {
	_, span := zipkin.StartFrom(r, "embeddedpromoted.Request.Path") //zipkin:generated oneline
	defer span.End(nil)                                             //zipkin:generated
	return r.URL.Path
}
