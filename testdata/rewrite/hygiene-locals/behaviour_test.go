package hygienelocals

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUserNamesAreUntouched(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if n, err := Locals(ctx, []string{"a", "b"}); n != 2 || err != nil {
		t.Fatalf("Locals = %d, %v", n, err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "hygienelocals.Locals"), p)

	rec.Reset()
	if _, err := Locals(ctx, nil); err == nil || err.Error() != "empty" {
		t.Fatalf("Locals(nil) = %v", err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "hygienelocals.Locals"), "error", "empty")

	rec.Reset()
	if n, err := Locals(ctx, []string{"short", "muchtoolongword"}); n != 2 || err == nil || err.Error() != "short muchtoolongword" {
		t.Fatalf("Locals(long) = %d, %v", n, err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "hygienelocals.Locals"), "error", "short muchtoolongword")

	if r := Field(ctx); r.err != nil {
		t.Error(r.err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "hygienelocals.Field"), p)
	if err := Label(ctx, 5); err != nil {
		t.Error(err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "hygienelocals.Label"), p)
}
