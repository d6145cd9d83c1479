package ctxnotfirst

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestFirstContextParameterIsTheParent(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Later("id", 1, ctx); got != "id" {
		t.Errorf("Later = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxnotfirst.Later"), p)

	other, _ := zipkintest.Parent(t)
	if got := Two(ctx, other); got != other {
		t.Error("Two changed its second context")
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxnotfirst.Two"), p)
}
