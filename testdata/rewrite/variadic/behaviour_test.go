package variadic

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestVariadics(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Join(ctx, "-", "a", "b", "c"); got != "a-b-c" {
		t.Errorf("Join = %q", got)
	}
	j := zipkintest.Named(t, rec, "variadic.Join")
	zipkintest.ChildOf(t, j, p)
	zipkintest.HasTag(t, j, "parts", "3")
	if got := Max(ctx, 1, 5, 3); got != 5 {
		t.Errorf("Max = %d", got)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "variadic.Max"), "first", "5")
	if got := Contexts(ctx, ctx); got != 2 {
		t.Errorf("Contexts = %d", got)
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "variadic.Contexts"))
}
