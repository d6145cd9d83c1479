package buildtagsextra

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestIncludedFilesAreTraced(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	Always(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "buildtagsextra.Always"), p)
	OnUnix(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "buildtagsextra.OnUnix"), p)
}
