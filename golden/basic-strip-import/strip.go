// Package stripimport has imports in groups and comments: the runtime
// import goes into the non-standard group in order, and -strip takes it out
// again without disturbing the rest.
package stripimport

import (
	"context"
	"strings"

	// a comment on the group
	"github.com/zipkingen/zipkingen/annotations"    // trailing
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

var (
	_ annotations.Kind
	_ = zipkinhttp.Middleware
)

// Trim is traced.
//
//zipkin:trace
func Trim(ctx context.Context, s string) string {
	_, span := zipkin.Start(ctx, "stripimport.Trim") //zipkin:generated
	defer span.End(nil)                              //zipkin:generated
	return strings.TrimSpace(s)
}
