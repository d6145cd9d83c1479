package capture

import (
	"context"
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestGoroutineJoinsTheEnclosingTrace(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	out := make(chan context.Context, 1)
	Spawn(ctx, out)
	spawn := named(t, rec, "capture.Spawn")
	childOf(t, spawn, p)
	lit := named(t, rec, "capture.Spawn.func1")
	childOfSpan(t, lit, spawn)
	// The body sees the literal's span under the name it already used.
	if got := zipkin.SpanFromContext(<-out).Context().ID; got != lit.ID {
		t.Errorf("the literal's ctx carries span %v, want its own span %v", got, lit.ID)
	}
}

func TestGroupLiteralStartsFromTheInnerContext(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	var values []any
	var spans []zipkin.SpanID
	err := Fetch(ctx, []string{"a", "b"}, func(ctx context.Context, u string) error {
		values = append(values, ctx.Value(key{}))
		spans = append(spans, zipkin.SpanFromContext(ctx).Context().ID)
		if u == "b" {
			return errors.New("b failed")
		}
		return nil
	})
	if err == nil || err.Error() != "b failed" {
		t.Fatalf("Fetch = %v, want b failed", err)
	}
	fetch := named(t, rec, "capture.Fetch")
	childOf(t, fetch, p)
	lits := all(rec, "capture.Fetch.func1")
	if len(lits) != 2 || len(spans) != 2 {
		t.Fatalf("%d literal spans, %d calls; want 2 and 2", len(lits), len(spans))
	}
	for i, lit := range lits {
		childOfSpan(t, lit, fetch)
		if values[i] != "group" {
			t.Errorf("call %d saw value %v: the literal did not start from the group's ctx", i, values[i])
		}
		if spans[i] != lit.ID {
			t.Errorf("call %d ran in span %v, want the literal's span %v", i, spans[i], lit.ID)
		}
	}
	if lits[1].Tags["error"] != "b failed" {
		t.Errorf("second literal's tags %v, want error=b failed", lits[1].Tags)
	}
}

func TestLiteralThatDoesNotReadCtxIsStillAChild(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	if got := Quiet(ctx); got != 1 {
		t.Errorf("Quiet = %d, want 1", got)
	}
	childOfSpan(t, named(t, rec, "capture.Quiet.func1"), named(t, rec, "capture.Quiet"))
}

func TestLiteralBeforeAnyContextStartsANewTrace(t *testing.T) {
	rec := record(t)
	out := make(chan string, 1)
	Early(out)
	if got := <-out; got != "early" {
		t.Errorf("got %q", got)
	}
	early, lit := named(t, rec, "capture.Early"), named(t, rec, "capture.Early.func1")
	isRoot(t, early)
	isRoot(t, lit)
	if lit.TraceID == early.TraceID {
		t.Errorf("the literal shares trace %v with Early", early.TraceID)
	}
}

// all returns the recorded spans called name, in the order they ended.
func all(rec *zipkin.Recorder, name string) []zipkin.RecordedSpan {
	var out []zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
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
