package ctxexpr

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestCtxExpression(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	other, op := zipkintest.Parent(t)
	c := &FiberCtx{user: ctx}
	if err := Handle(c); err != nil {
		t.Fatal(err)
	}
	h := zipkintest.Named(t, rec, "ctxexpr.Handle")
	zipkintest.ChildOf(t, h, p)
	if h.Kind != zipkin.Server {
		t.Errorf("kind %v", h.Kind)
	}
	Both(other, c)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxexpr.Both"), p)
	Spawn(other, c)
	s := zipkintest.Await(t, rec, "ctxexpr.Spawn.func1")
	zipkintest.ChildOf(t, s, p)
	if s.ParentID == op.ID {
		t.Error("the literal started from the captured ctx, not ctx=")
	}
}
