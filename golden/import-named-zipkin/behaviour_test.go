package importnamedzipkin

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestBothFilesAreTraced(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Plain(ctx); got != "PLAIN" {
		t.Errorf("Plain = %q", got)
	}
	plain := zipkintest.Named(t, rec, "importnamedzipkin.Plain")
	zipkintest.ChildOf(t, plain, p)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "importnamedzipkin.Upper"), plain)
}
