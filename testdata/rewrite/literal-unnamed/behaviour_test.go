package literalunnamed

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUnnamedLiteralParameters(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	a, b := Handlers()
	if err := a(ctx, 1); err == nil {
		t.Fatal("a: no error")
	}
	un := zipkintest.Named(t, rec, "unnamed")
	zipkintest.ChildOf(t, un, p)
	zipkintest.HasTag(t, un, "error", "unnamed failed")
	if s, err := b(ctx); s != "b" || err != nil {
		t.Fatalf("b = %q, %v", s, err)
	}
	bl := zipkintest.Named(t, rec, "blank")
	zipkintest.ChildOf(t, bl, p)
	zipkintest.NoTag(t, bl, "error")
}
