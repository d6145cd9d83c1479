// Package ctxnotfirst finds the first context parameter wherever it is.
package ctxnotfirst

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Later takes the context after other parameters.
//
//zipkin:trace
func Later(id string, n int, ctx context.Context) string {
	_, span := zipkin.Start(ctx, "ctxnotfirst.Later") //zipkin:generated oneline
	defer span.End(nil)                               //zipkin:generated
	return id
}

// Two takes two contexts: the first one is the parent.
//
//zipkin:trace
func Two(parent, other context.Context) context.Context {
	_, span := zipkin.Start(parent, "ctxnotfirst.Two") //zipkin:generated oneline
	defer span.End(nil)                                //zipkin:generated
	return other
}
