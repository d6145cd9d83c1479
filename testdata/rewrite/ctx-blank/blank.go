// Package ctxblank traces functions whose context parameter is the blank
// identifier: the generator names it (marker word "ctx=_").
package ctxblank

import "context"

// Blank ignores its context.
//
//zipkin:trace
func Blank(_ context.Context, id string) string {
	return id
}

// BlankErr also blanks its error result.
//
//zipkin:trace
func BlankErr(_ context.Context, fail bool) (_ error) {
	if fail {
		return context.DeadlineExceeded
	}
	return nil
}

// UsesCtxElsewhere must not get a parameter named ctx: the body already
// declares a ctx of its own.
//
//zipkin:trace
func UsesCtxElsewhere(_ context.Context) string {
	ctx := "not a context"
	return ctx
}
