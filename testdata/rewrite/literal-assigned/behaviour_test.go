package literalassigned

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestAssignedLiterals(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	h := Build(ctx)
	build := zipkintest.Named(t, rec, "literalassigned.Build")
	zipkintest.ChildOf(t, build, p)

	// The literal's parent is the context it is called with, not Build's.
	callCtx, callParent := zipkintest.Parent(t)
	if err := h(callCtx, -1); err == nil {
		t.Fatal("h(-1): no error")
	}
	lit := zipkintest.Named(t, rec, "literalassigned.Build.func2")
	zipkintest.ChildOf(t, lit, callParent)
	zipkintest.HasTag(t, lit, "error", "negative")

	if err := Assign()(callCtx, 7); err != nil {
		t.Fatal(err)
	}
	a := zipkintest.Named(t, rec, "assigned")
	zipkintest.ChildOf(t, a, callParent)
	zipkintest.HasTag(t, a, "n", "7")
}
