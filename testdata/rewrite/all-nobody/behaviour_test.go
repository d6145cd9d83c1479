//go:build amd64

package allnobody

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestBodylessFunctionIsSkipped(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Use(ctx); got != 7 {
		t.Errorf("Use = %d", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allnobody.Use"), p)
}
