package ctxtypeparam

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestTypeParameterContexts(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Generic(ctx, 3); got != 3 {
		t.Errorf("Generic = %d", got)
	}
	// Either a child of ctx or a new root is acceptable (SPEC §4 speaks of
	// the type context.Context); the span must exist.
	zipkintest.Named(t, rec, "ctxtypeparam.Generic")
	h := &Holder[context.Context]{ctx: ctx}
	if h.Do() != 1 {
		t.Error("Do != 1")
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxtypeparam.Holder.Do"), p)
}
