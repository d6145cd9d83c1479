package ctxshadow

import (
	"context"
	"slices"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
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
	rec := record(t)
	ctx, p := parent(t)
	got := Shadow(ctx)
	want := []string{"direct", "nested:derived", "background", "loop"}
	if !slices.Equal(got, want) {
		t.Fatalf("Shadow = %q, want %q", got, want)
	}
	sh := named(t, rec, "ctxshadow.Shadow")
	childOf(t, sh, p)
	if a := annotations(sh); !slices.Equal(a, []string{"derived"}) {
		t.Errorf("annotations %q", a)
	}
	kids := childSpans(rec)
	if len(kids) != 4 {
		t.Fatalf("%d Child spans, want 4", len(kids))
	}
	childOfSpan(t, kids[0], sh) // direct
	childOfSpan(t, kids[1], sh) // derived from the span's ctx in a block
	isRoot(t, kids[2])          // context.Background() in a block
	if kids[2].TraceID == sh.TraceID {
		t.Error("the background call joined Shadow's trace")
	}
	childOfSpan(t, kids[3], sh) // ctx := ctx in a loop
}

func TestReassignedContext(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	if got := Reassign(ctx); got != "after:reassigned" {
		t.Errorf("Reassign = %q", got)
	}
	childOfSpan(t, named(t, rec, "ctxshadow.Child"), named(t, rec, "ctxshadow.Reassign"))
}

// record installs a test tracer as the default tracer for the rest of the
// test and returns the recorder its spans go to.
func record(t *testing.T) *zipkin.Recorder {
	t.Helper()
	tr, rec := zipkin.NewTestTracer()
	prev := zipkin.SetDefault(tr)
	t.Cleanup(func() { zipkin.SetDefault(prev) })
	return rec
}

// parent starts a span for the code under test to be a child of.
func parent(t *testing.T) (context.Context, zipkin.SpanContext) {
	t.Helper()
	ctx, span := zipkin.Start(context.Background(), "test.parent")
	t.Cleanup(func() { span.End(nil) })
	return ctx, span.Context()
}

// named returns the one recorded span called name.
func named(t *testing.T, rec *zipkin.Recorder, name string) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	var all []string
	for _, s := range rec.Spans() {
		all = append(all, s.Name)
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans named %q, want 1; recorded %q", len(found), name, all)
	}
	return found[0]
}

// childOf checks that s is a child of the span p.
func childOf(t *testing.T, s zipkin.RecordedSpan, p zipkin.SpanContext) {
	t.Helper()
	if s.TraceID != p.TraceID || s.ParentID != p.ID {
		t.Errorf("span %q: trace %v parent %v, want a child of span %v in trace %v",
			s.Name, s.TraceID, s.ParentID, p.ID, p.TraceID)
	}
}

// childOfSpan checks that s is a child of the recorded span p.
func childOfSpan(t *testing.T, s, p zipkin.RecordedSpan) {
	t.Helper()
	childOf(t, s, zipkin.SpanContext{TraceID: p.TraceID, ID: p.ID})
}

// isRoot checks that s started a new trace.
func isRoot(t *testing.T, s zipkin.RecordedSpan) {
	t.Helper()
	if s.ParentID != 0 {
		t.Errorf("span %q has parent %v, want a new root", s.Name, s.ParentID)
	}
}

// annotations lists the annotation values of s in order.
func annotations(s zipkin.RecordedSpan) []string {
	var out []string
	for _, a := range s.Annotations {
		out = append(out, a.Value)
	}
	return out
}
