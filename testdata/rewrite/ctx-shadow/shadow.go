// Package ctxshadow traces functions that shadow or replace ctx in nested
// blocks: calls see whichever ctx is in scope, as the user wrote it.
package ctxshadow

import (
	"context"
	"time"
)

type key struct{}

// Child is a traced callee.
//
//zipkin:trace
func Child(ctx context.Context, label string) string {
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
	var out []string
	out = append(out, Child(ctx, "direct"))
	if ok := true; ok {
		ctx := context.WithValue(ctx, key{}, "derived")
		//zipkin:annotate "derived"
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
	ctx = context.WithValue(ctx, key{}, "reassigned")
	return Child(ctx, "after")
}
