package deferrewriteserr

import (
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestRecordedErrorIsTheFinalValue(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if err := Wrap(ctx); !errors.Is(err, ErrBase) || err.Error() != "wrapped: base" {
		t.Fatalf("Wrap = %v", err)
	}
	w := zipkintest.Named(t, rec, "deferrewriteserr.Wrap")
	zipkintest.ChildOf(t, w, p)
	zipkintest.HasTag(t, w, "error", "wrapped: base")

	if err := Clear(ctx); err != nil {
		t.Fatalf("Clear = %v", err)
	}
	zipkintest.NoTag(t, zipkintest.Named(t, rec, "deferrewriteserr.Clear"), "error")

	if n, err := Late(ctx); n != 42 || err == nil {
		t.Fatalf("Late = %d, %v", n, err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "deferrewriteserr.Late"), "error", "close failed")
}
