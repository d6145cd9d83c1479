package stdruntime

import (
	"runtime"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestStandardRuntimeNextToOurs(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if n := Goroutines(ctx); n < 1 {
		t.Errorf("Goroutines = %d", n)
	}
	g := zipkintest.Named(t, rec, "stdruntime.Goroutines")
	zipkintest.ChildOf(t, g, p)
	zipkintest.HasTag(t, g, "goos", runtime.GOOS)
}
