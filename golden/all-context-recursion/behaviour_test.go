package allcontextrecursion

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestNoRecursionAndNoHiddenContextCalls(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	s := &Stream{ctx: ctx}
	if !s.Retry() {
		t.Error("Retry after no use: false; an instrumented method called s.Context(), which commits")
	}
	if !Handle(ctx, s) {
		t.Error("Handle: the stream was committed behind the user's back")
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allcontextrecursion.Handle"), p)
	if s.Context() != ctx { // must not overflow the stack
		t.Error("Context changed the context")
	}
	if s.commits != 1 {
		t.Errorf("%d commits, want 1 (the user's own Context call)", s.commits)
	}
}
