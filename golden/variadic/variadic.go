// Package variadic traces variadic functions, tagging the number of
// variadic arguments.
package variadic

import (
	"context"
	"strings"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Join joins parts.
//
//zipkin:trace
//zipkin:tag parts len(parts)
func Join(ctx context.Context, sep string, parts ...string) string {
	_, span := zipkin.Start(ctx, "variadic.Join") //zipkin:generated
	defer span.End(nil)                           //zipkin:generated
	if span.IsRecording() {                       //zipkin:generated
		span.TagInt("parts", int64(len(parts))) //zipkin:generated
	} //zipkin:generated
	return strings.Join(parts, sep)
}

// Max returns the largest value.
//
//zipkin:trace
//zipkin:tag first xs[0]
func Max(ctx context.Context, first int, xs ...int) int {
	_, span := zipkin.Start(ctx, "variadic.Max") //zipkin:generated
	defer span.End(nil)                          //zipkin:generated
	if span.IsRecording() {                      //zipkin:generated
		span.TagInt("first", int64(xs[0])) //zipkin:generated
	} //zipkin:generated
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
func Contexts(ctxs ...context.Context) int {
	_, span := zipkin.StartRoot("variadic.Contexts") //zipkin:generated oneline
	defer span.End(nil)                              //zipkin:generated
	return len(ctxs)
}
