package allgeneratedfile

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestGeneratedFileIsLeftAlone(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	Own(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allgeneratedfile.Own"), p)
	if n := len(rec.Spans()); n != 1 {
		t.Errorf("%d spans, want only Own's", n)
	}
}
