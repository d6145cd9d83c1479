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
	// A type parameter constrained by context.Context is the parent.
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxtypeparam.Generic"), p)
	h := &Holder[context.Context]{ctx: ctx}
	if h.Do() != 1 {
		t.Error("Do != 1")
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxtypeparam.Holder.Do"), p)
}
