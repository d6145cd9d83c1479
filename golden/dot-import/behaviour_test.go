package dotimport

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestDotImportedContext(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Clean(ctx, " ab "); got != "ab" {
		t.Errorf("Clean = %q", got)
	}
	c := zipkintest.Named(t, rec, "dotimport.Clean")
	zipkintest.ChildOf(t, c, p)
	zipkintest.HasTag(t, c, "len", "5")
	if Root() == nil {
		t.Error("Root = nil")
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "dotimport.Root"))
}
