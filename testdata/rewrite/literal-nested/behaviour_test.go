package literalnested

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestNestedLiteralsAreNamedLikeTheCompiler(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Outer(ctx); got != 3 {
		t.Errorf("Outer = %d", got)
	}
	outer := zipkintest.Named(t, rec, "literalnested.Outer")
	zipkintest.ChildOf(t, outer, p)
	f := zipkintest.Named(t, rec, "literalnested.Outer.func1")
	zipkintest.ChildOfSpan(t, f, outer)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "literalnested.Outer.func1.1"), f)
}
