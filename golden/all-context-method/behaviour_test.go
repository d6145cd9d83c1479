package allcontextmethod

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestContextMethodsDoNotTraceThemselves(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	// NewStream is traced too (it has a ctx): the stream keeps the context
	// of NewStream's span.
	st := NewStream(ctx)
	ns := named(t, rec, "allcontextmethod.NewStream")
	childOf(t, ns, p)
	if sc, _ := zipkin.SpanContextFromContext(st.Context()); sc.ID != ns.ID {
		t.Errorf("the stream's context carries span %v, want NewStream's %v", sc.ID, ns.ID)
	}
	w := Wrapped{s: st}
	if w.Context() != st.Context() {
		t.Error("Wrapped.Context changed the context")
	}
	if err := Handle(st, "hi"); err != nil {
		t.Fatal(err)
	}
	// Both start from st.Context(), the receiver's or parameter's context.
	childOfSpan(t, named(t, rec, "allcontextmethod.Handle"), ns)
	childOfSpan(t, named(t, rec, "allcontextmethod.Stream.Send"), ns)
	for _, s := range rec.Spans() {
		if s.Name == "allcontextmethod.Stream.Context" || s.Name == "allcontextmethod.Wrapped.Context" {
			t.Errorf("a Context method was traced: %q", s.Name)
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

// childOfSpan checks that s is a child of the recorded span p.
func childOfSpan(t *testing.T, s, p zipkin.RecordedSpan) {
	t.Helper()
	childOf(t, s, zipkin.SpanContext{TraceID: p.TraceID, ID: p.ID})
}
