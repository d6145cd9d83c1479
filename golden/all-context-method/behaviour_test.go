package allcontextmethod

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestContextMethodsDoNotTraceThemselves(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	// NewStream is traced (it has a ctx) but returns a context carrier: the
	// stream keeps the caller's context, not NewStream's ended span.
	st := NewStream(ctx)
	childOf(t, named(t, rec, "allcontextmethod.NewStream"), p)
	if st.Context() != ctx {
		t.Error("the stream does not carry the caller's context")
	}
	w := Wrapped{s: st}
	if w.Context() != ctx {
		t.Error("Wrapped.Context changed the context")
	}
	if err := Handle(st, "hi"); err != nil {
		t.Fatal(err)
	}
	// Handle starts from its parameter's Context(); methods are never traced
	// from their own receiver's Context() under -all.
	childOf(t, named(t, rec, "allcontextmethod.Handle"), p)
	for _, s := range rec.Spans() {
		switch s.Name {
		case "allcontextmethod.Stream.Context", "allcontextmethod.Wrapped.Context", "allcontextmethod.Stream.Send":
			t.Errorf("traced from its own receiver: %q", s.Name)
		}
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
