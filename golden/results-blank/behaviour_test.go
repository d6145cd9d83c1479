package resultsblank

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestBlankErrorResultIsRecorded(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if n, err := Blank(ctx, true); n != 0 || err != ErrBlank {
		t.Fatalf("Blank(true) = %d, %v", n, err)
	}
	b := zipkintest.Named(t, rec, "resultsblank.Blank")
	zipkintest.ChildOf(t, b, p)
	zipkintest.HasTag(t, b, "error", "blank")

	rec.Reset()
	if n, err := Blank(ctx, false); n != 1 || err != nil {
		t.Fatalf("Blank(false) = %d, %v", n, err)
	}
	zipkintest.NoTag(t, zipkintest.Named(t, rec, "resultsblank.Blank"), "error")

	if n, err := Mixed(ctx); n != 3 || err != nil {
		t.Fatalf("Mixed = %d, %v", n, err)
	}
	zipkintest.NoTag(t, zipkintest.Named(t, rec, "resultsblank.Mixed"), "error")
}
