// Package unused has context sources the body never reads: they are not
// rebound (that would be a value nobody reads, staticcheck SA4006), while
// those it reads, even only inside a closure, are.
package unused

import (
	"context"
	"fmt"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Unused never reads ctx.
//
//zipkin:trace
func Unused(ctx context.Context, n int) int {
	_, span := zipkin.Start(ctx, "unused.Unused") //zipkin:generated oneline
	defer span.End(nil)                           //zipkin:generated
	return n * 2
}

// InClosure reads ctx only inside a closure.
//
//zipkin:trace
func InClosure(ctx context.Context) func() error {
	ctx, span := zipkin.Start(ctx, "unused.InClosure") //zipkin:generated
	defer span.End(nil)                                //zipkin:generated
	return func() error { return ctx.Err() }
}

// Handler never reads the request.
//
//zipkin:trace
func Handler(w http.ResponseWriter, r *http.Request) {
	_, span := zipkin.StartRequest(r, "unused.Handler") //zipkin:generated
	defer span.End(nil)                                 //zipkin:generated
	fmt.Fprint(w, "ok")
}

// Path reads the request.
//
//zipkin:trace
func Path(w http.ResponseWriter, r *http.Request) {
	r, span := zipkin.StartRequest(r, "unused.Path") //zipkin:generated
	defer span.End(nil)                              //zipkin:generated
	fmt.Fprint(w, r.URL.Path)
}
