package ignore

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestOnlyTheMarkedFunctionIsTraced(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Traced(ctx); got != 3 {
		t.Errorf("Traced = %d", got)
	}
	OnlyIgnored(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ignore.Traced"), p)
	if n := len(rec.Spans()); n != 1 {
		t.Errorf("%d spans, want only Traced's", n)
	}
}
