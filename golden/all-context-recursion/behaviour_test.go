package allcontextrecursion

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestNoRecursionAndNoHiddenContextCalls(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	s := &Stream{ctx: ctx}
	if !s.Retry() {
		t.Error("Retry after no use: false; an instrumented method called s.Context(), which commits")
	}
	if !Handle(ctx, s) {
		t.Error("Handle: the stream was committed behind the user's back")
	}
	childOf(t, named(t, rec, "allcontextrecursion.Handle"), p)
	if s.Context() != ctx { // must not overflow the stack
		t.Error("Context changed the context")
	}
	if s.commits != 1 {
		t.Errorf("%d commits, want 1 (the user's own Context call)", s.commits)
	}
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
