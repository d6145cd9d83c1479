package ctxblank

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestBlankContextIsStillTheParent(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Blank(ctx, "x"); got != "x" {
		t.Errorf("Blank = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxblank.Blank"), p)

	if err := BlankErr(ctx, true); err != context.DeadlineExceeded {
		t.Fatalf("BlankErr = %v", err)
	}
	b := zipkintest.Named(t, rec, "ctxblank.BlankErr")
	zipkintest.ChildOf(t, b, p)
	zipkintest.HasTag(t, b, "error", "context deadline exceeded")

	if got := UsesCtxElsewhere(ctx); got != "not a context" {
		t.Errorf("UsesCtxElsewhere = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxblank.UsesCtxElsewhere"), p)
}
