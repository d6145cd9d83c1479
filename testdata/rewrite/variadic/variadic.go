// Package variadic traces variadic functions, tagging the number of
// variadic arguments.
package variadic

import (
	"context"
	"strings"
)

// Join joins parts.
//
//zipkin:trace
//zipkin:tag parts len(parts)
func Join(ctx context.Context, sep string, parts ...string) string {
	return strings.Join(parts, sep)
}

// Max returns the largest value.
//
//zipkin:trace
//zipkin:tag first xs[0]
func Max(ctx context.Context, first int, xs ...int) int {
	m := first
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// Contexts is variadic in its context type: the variadic parameter is a
// slice, not a context, so there is no context source.
//
//zipkin:trace
func Contexts(ctxs ...context.Context) int { return len(ctxs) }
