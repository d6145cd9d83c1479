package nested

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestNestedLiteralIsAChildOfTheOuterLiteral(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	out := make(chan context.Context, 1)
	Outer(ctx, out)
	seen := <-out
	outer := zipkintest.Named(t, rec, "nested.Outer")
	zipkintest.ChildOf(t, outer, p)
	f := zipkintest.Named(t, rec, "nested.Outer.func1")
	zipkintest.ChildOfSpan(t, f, outer)
	inner := zipkintest.Named(t, rec, "nested.Outer.func1.1")
	zipkintest.ChildOfSpan(t, inner, f)
	if got := zipkin.SpanFromContext(seen).Context().ID; got != inner.ID {
		t.Errorf("the inner literal's ctx carries span %v, want %v", got, inner.ID)
	}
}

func TestNestedLiteralsThatDoNotReadCtx(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	if got := Quiet(ctx); got != 1 {
		t.Errorf("Quiet = %d, want 1", got)
	}
	quiet := zipkintest.Named(t, rec, "nested.Quiet")
	f := zipkintest.Named(t, rec, "nested.Quiet.func1")
	zipkintest.ChildOfSpan(t, f, quiet)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "nested.Quiet.func1.1"), f)
}
