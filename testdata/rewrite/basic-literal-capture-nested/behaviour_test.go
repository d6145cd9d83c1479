package nested

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestNestedLiteralIsAChildOfTheOuterLiteral(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	out := make(chan context.Context, 1)
	Outer(ctx, out)
	seen := <-out
	outer := named(t, rec, "nested.Outer")
	childOf(t, outer, p)
	f := named(t, rec, "nested.Outer.func1")
	childOfSpan(t, f, outer)
	inner := named(t, rec, "nested.Outer.func1.1")
	childOfSpan(t, inner, f)
	if got := zipkin.SpanFromContext(seen).Context().ID; got != inner.ID {
		t.Errorf("the inner literal's ctx carries span %v, want %v", got, inner.ID)
	}
}

func TestNestedLiteralsThatDoNotReadCtx(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	if got := Quiet(ctx); got != 1 {
		t.Errorf("Quiet = %d, want 1", got)
	}
	quiet := named(t, rec, "nested.Quiet")
	f := named(t, rec, "nested.Quiet.func1")
	childOfSpan(t, f, quiet)
	childOfSpan(t, named(t, rec, "nested.Quiet.func1.1"), f)
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
