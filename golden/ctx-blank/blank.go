// Package ctxblank traces functions whose context parameter is the blank
// identifier: the generator names it (marker word "ctx=_").
package ctxblank

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Blank ignores its context.
//
//zipkin:trace
func Blank(ctx context.Context, id string) string {
	_, span := zipkin.Start(ctx, "ctxblank.Blank") //zipkin:generated ctx=_
	defer span.End(nil)                            //zipkin:generated
	return id
}

// BlankErr also blanks its error result.
//
//zipkin:trace
func BlankErr(ctx context.Context, fail bool) (err error) {
	_, span := zipkin.Start(ctx, "ctxblank.BlankErr") //zipkin:generated ctx=_ err=_
	defer span.End(&err)                              //zipkin:generated
	if fail {
		return context.DeadlineExceeded
	}
	return nil
}

// UsesCtxElsewhere must not get a parameter named ctx: the body already
// declares a ctx of its own.
//
//zipkin:trace
func UsesCtxElsewhere(zipkinCtx context.Context) string {
	_, span := zipkin.Start(zipkinCtx, "ctxblank.UsesCtxElsewhere") //zipkin:generated ctx=_
	defer span.End(nil)                                             //zipkin:generated
	ctx := "not a context"
	return ctx
}
