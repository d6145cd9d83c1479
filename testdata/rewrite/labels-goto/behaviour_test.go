package labelsgoto

import (
	"slices"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestLabelsAndGoto(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if r, c := Find(ctx, [][]int{{1, -1, 7}, {2, 7}}, 7); r != 1 || c != 1 {
		t.Errorf("Find = %d, %d", r, c)
	}
	f := zipkintest.Named(t, rec, "labelsgoto.Find")
	zipkintest.ChildOf(t, f, p)
	if a := annotations(f); !slices.Equal(a, []string{"search"}) {
		t.Errorf("Find annotations %q", a)
	}
	if n := Retry(ctx, 3); n != 3 {
		t.Errorf("Retry = %d", n)
	}
	r := zipkintest.Named(t, rec, "labelsgoto.Retry")
	if a := annotations(r); !slices.Equal(a, []string{"retry", "retry"}) {
		t.Errorf("Retry annotations %q", a)
	}
	zipkintest.HasTag(t, r, "attempts", "3")
}

// annotations lists the annotation values of s in order.
func annotations(s zipkin.RecordedSpan) []string {
	var out []string
	for _, a := range s.Annotations {
		out = append(out, a.Value)
	}
	return out
}
