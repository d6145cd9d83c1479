package cgo

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestCgoFunctionsAreTraced(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Add(ctx, 2, 3); got != 5 {
		t.Errorf("Add = %d", got)
	}
	a := zipkintest.Named(t, rec, "cgo.Add")
	zipkintest.ChildOf(t, a, p)
	zipkintest.HasTag(t, a, "a", "2")
	if Alloc(8) == 0 {
		t.Error("Alloc = 0")
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "cgo.Alloc"))
}
