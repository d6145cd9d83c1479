// Package ignore uses //zipkin:ignore without -all: ignored functions are
// left alone, as are unmarked ones, in a file that has traced ones.
package ignore

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Traced is marked.
//
//zipkin:trace
func Traced(ctx context.Context) int {
	ctx, span := zipkin.Start(ctx, "ignore.Traced") //zipkin:generated oneline
	defer span.End(nil)                             //zipkin:generated
	return Ignored(ctx) + Unmarked(ctx)
}

// Ignored opts out.
//
//zipkin:ignore
func Ignored(ctx context.Context) int { return 1 }

// Unmarked has a context but no directive.
func Unmarked(ctx context.Context) int { return 2 }
