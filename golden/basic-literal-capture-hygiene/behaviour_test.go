package hygiene

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestAssignedContextReachesTheEnclosingFunction(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	out := make(chan context.Context, 1)
	Assign(ctx, out)
	got := <-out
	if got.Value(key{}) != "set" {
		t.Errorf("Assign's ctx lost the literal's write")
	}
	assign := zipkintest.Named(t, rec, "hygiene.Assign")
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "hygiene.Assign.func1"), assign)
	if id := zipkin.SpanFromContext(got).Context().ID; id != assign.ID {
		t.Errorf("Assign continues in span %v, want its own span %v", id, assign.ID)
	}
}

func TestLaterDeclarationKeepsItsMeaning(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	out := make(chan any, 2)
	Later(context.WithValue(ctx, key{}, "v"), out)
	if a, b := <-out, <-out; a != "v" || b != "later" {
		t.Errorf("got %v, %v; want v, later", a, b)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "hygiene.Later.func1"), zipkintest.Named(t, rec, "hygiene.Later"))
}

func TestHiddenContextStartsANewTrace(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	out := make(chan string, 2)
	Param(ctx, out)
	if a, b := <-out, <-out; a != "param" || b != "done" {
		t.Errorf("got %q, %q", a, b)
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "hygiene.Param.func1"))
}

func TestInnermostDerivedContextWins(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	out := make(chan context.Context, 1)
	Derived(ctx, out)
	got := <-out
	if got.Value(key{}) != "derived" {
		t.Errorf("the literal did not start from cctx")
	}
	lit := zipkintest.Named(t, rec, "hygiene.Derived.func1")
	zipkintest.ChildOfSpan(t, lit, zipkintest.Named(t, rec, "hygiene.Derived"))
	if id := zipkin.SpanFromContext(got).Context().ID; id != lit.ID {
		t.Errorf("the literal's cctx carries span %v, want %v", id, lit.ID)
	}
}

func TestLiteralInAPackageLevelLiteral(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	out := make(chan context.Context, 1)
	Handler(ctx, out)
	lit := zipkintest.Named(t, rec, "hygiene.init.func1.1")
	zipkintest.ChildOf(t, lit, p)
	if id := zipkin.SpanFromContext(<-out).Context().ID; id != lit.ID {
		t.Errorf("the literal's ctx carries span %v, want %v", id, lit.ID)
	}
}
