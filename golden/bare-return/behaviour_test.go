package barereturn

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestBareReturns(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if q, r, err := Divide(ctx, 7, 2); q != 3 || r != 1 || err != nil {
		t.Fatalf("Divide(7, 2) = %d, %d, %v", q, r, err)
	}
	d := zipkintest.Named(t, rec, "barereturn.Divide")
	zipkintest.ChildOf(t, d, p)
	zipkintest.NoTag(t, d, "error")

	rec.Reset()
	if _, _, err := Divide(ctx, 1, 0); err == nil {
		t.Fatal("Divide by zero: no error")
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "barereturn.Divide"), "error", "divide 1 by zero")

	rec.Reset()
	if idx, err := Loop(ctx, []int{3, -4}); idx != 1 || err == nil {
		t.Fatalf("Loop = %d, %v", idx, err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "barereturn.Loop"), "error", "negative at 1")

	rec.Reset()
	if idx, err := Loop(ctx, []int{3, 4}); idx != -1 || err != nil {
		t.Fatalf("Loop = %d, %v", idx, err)
	}
	zipkintest.NoTag(t, zipkintest.Named(t, rec, "barereturn.Loop"), "error")
}
