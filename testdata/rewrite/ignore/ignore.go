// Package ignore uses //zipkin:ignore without -all: ignored functions are
// left alone, as are unmarked ones, in a file that has traced ones.
package ignore

import "context"

// Traced is marked.
//
//zipkin:trace
func Traced(ctx context.Context) int { return Ignored(ctx) + Unmarked(ctx) }

// Ignored opts out.
//
//zipkin:ignore
func Ignored(ctx context.Context) int { return 1 }

// Unmarked has a context but no directive.
func Unmarked(ctx context.Context) int { return 2 }
