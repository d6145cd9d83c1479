// Package ctxshadow traces functions that shadow or replace ctx in nested
// blocks: calls see whichever ctx is in scope, as the user wrote it.
package ctxshadow

import (
	"context"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

type key struct{}

// Child is a traced callee.
//
//zipkin:trace
func Child(ctx context.Context, label string) string {
	ctx, span := zipkin.Start(ctx, "ctxshadow.Child") //zipkin:generated
	defer span.End(nil)                               //zipkin:generated
	if v, ok := ctx.Value(key{}).(string); ok {
		return label + ":" + v
	}
	return label
}

// Shadow calls Child with the span's ctx, with a derived ctx in a nested
// block, and with an unrelated background ctx in another nested block.
//
//zipkin:trace
func Shadow(ctx context.Context) []string {
	ctx, span := zipkin.Start(ctx, "ctxshadow.Shadow") //zipkin:generated
	defer span.End(nil)                                //zipkin:generated
	var out []string
	out = append(out, Child(ctx, "direct"))
	if ok := true; ok {
		ctx := context.WithValue(ctx, key{}, "derived")
		//zipkin:annotate "derived"
		span.Annotate("derived") //zipkin:generated
		out = append(out, Child(ctx, "nested"))
	}
	{
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		out = append(out, Child(ctx, "background"))
		cancel()
	}
	for i := 0; i < 1; i++ {
		ctx := ctx
		out = append(out, Child(ctx, "loop"))
	}
	return out
}

// Reassign replaces ctx in the function's own scope.
//
//zipkin:trace
func Reassign(ctx context.Context) string {
	ctx, span := zipkin.Start(ctx, "ctxshadow.Reassign") //zipkin:generated
	defer span.End(nil)                                  //zipkin:generated
	ctx = context.WithValue(ctx, key{}, "reassigned")
	return Child(ctx, "after")
}
