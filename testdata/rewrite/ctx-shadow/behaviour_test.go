package ctxshadow

import (
	"slices"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// childSpans returns the Child spans in the order they ended.
func childSpans(rec *zipkin.Recorder) []zipkin.RecordedSpan {
	var out []zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if s.Name == "ctxshadow.Child" {
			out = append(out, s)
		}
	}
	return out
}

func TestShadowedContextsKeepTheirMeaning(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	got := Shadow(ctx)
	want := []string{"direct", "nested:derived", "background", "loop"}
	if !slices.Equal(got, want) {
		t.Fatalf("Shadow = %q, want %q", got, want)
	}
	sh := zipkintest.Named(t, rec, "ctxshadow.Shadow")
	zipkintest.ChildOf(t, sh, p)
	if a := annotations(sh); !slices.Equal(a, []string{"derived"}) {
		t.Errorf("annotations %q", a)
	}
	kids := childSpans(rec)
	if len(kids) != 4 {
		t.Fatalf("%d Child spans, want 4", len(kids))
	}
	zipkintest.ChildOfSpan(t, kids[0], sh) // direct
	zipkintest.ChildOfSpan(t, kids[1], sh) // derived from the span's ctx in a block
	zipkintest.IsRoot(t, kids[2])          // context.Background() in a block
	if kids[2].TraceID == sh.TraceID {
		t.Error("the background call joined Shadow's trace")
	}
	zipkintest.ChildOfSpan(t, kids[3], sh) // ctx := ctx in a loop
}

func TestReassignedContext(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	if got := Reassign(ctx); got != "after:reassigned" {
		t.Errorf("Reassign = %q", got)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "ctxshadow.Child"), zipkintest.Named(t, rec, "ctxshadow.Reassign"))
}

// annotations lists the annotation values of s in order.
func annotations(s zipkin.RecordedSpan) []string {
	var out []string
	for _, a := range s.Annotations {
		out = append(out, a.Value)
	}
	return out
}
