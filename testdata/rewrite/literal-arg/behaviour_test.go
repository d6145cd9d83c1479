package literalarg

import (
	"context"
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestLiteralsPassedAsArguments(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if err := Fetch(ctx, true); !errors.Is(err, context.Canceled) {
		t.Fatalf("Fetch = %v", err)
	}
	fetch := zipkintest.Named(t, rec, "literalarg.Fetch")
	zipkintest.ChildOf(t, fetch, p)
	zipkintest.HasTag(t, fetch, "error", "context canceled")
	a := zipkintest.Named(t, rec, "fetch.a")
	zipkintest.ChildOfSpan(t, a, fetch)
	zipkintest.NoTag(t, a, "error")
	b := zipkintest.Named(t, rec, "literalarg.Fetch.func2")
	zipkintest.ChildOfSpan(t, b, fetch)
	zipkintest.HasTag(t, b, "error", "context canceled")
}
