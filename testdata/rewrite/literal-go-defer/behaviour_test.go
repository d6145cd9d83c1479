package literalgodefer

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestGoAndDeferLiterals(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	out := make(chan string, 3)
	Run(ctx, out)
	close(out)
	var got []string
	for s := range out {
		got = append(got, s)
	}
	if len(got) != 3 || got[2] != "cleanup" {
		t.Errorf("messages %q, want run and worker, then cleanup", got)
	}
	run := named(t, rec, "literalgodefer.Run")
	childOf(t, run, p)
	worker := named(t, rec, "literalgodefer.Run.func1")
	childOfSpan(t, worker, run)
	if worker.Kind != zipkin.Producer {
		t.Errorf("worker kind %v, want producer", worker.Kind)
	}
	// The deferred literal has no context parameter: it starts from the ctx
	// it captures, Run's span context (engine bf50a32), not a detached root.
	childOfSpan(t, named(t, rec, "cleanup"), run)
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
