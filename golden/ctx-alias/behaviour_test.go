package ctxalias

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

type wrapper struct{ context.Context }

func (wrapper) Extra() {}

func TestContextFoundByType(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := ViaAlias(ctx, 4); got != 4 {
		t.Errorf("ViaAlias = %d", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxalias.ViaAlias"), p)
	ViaRenamedImport(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxalias.ViaRenamedImport"), p)
	NotAContext(wrapper{ctx})
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxalias.NotAContext"), p)
}
