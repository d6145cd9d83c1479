// Package unnamed traces functions with unnamed and blank parameters and
// results: the generator names them and records how, for -strip.
package unnamed

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Unnamed has only unnamed parameters and results.
//
//zipkin:trace
func Unnamed(ctx context.Context, _ int) (_ string, err error) {
	_, span := zipkin.Start(ctx, "unnamed.Unnamed") //zipkin:generated params results
	defer span.End(&err)                            //zipkin:generated
	return "", nil
}

// Blank has a blank context and a blank error result.
//
//zipkin:trace
func Blank(ctx context.Context, n int) (m int, err error) {
	_, span := zipkin.Start(ctx, "unnamed.Blank") //zipkin:generated ctx=_ err=_
	defer span.End(&err)                          //zipkin:generated
	m = n
	return m, nil
}
