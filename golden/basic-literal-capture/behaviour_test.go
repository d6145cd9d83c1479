package capture

import (
	"context"
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestGoroutineJoinsTheEnclosingTrace(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	out := make(chan context.Context, 1)
	Spawn(ctx, out)
	spawn := zipkintest.Named(t, rec, "capture.Spawn")
	zipkintest.ChildOf(t, spawn, p)
	// The goroutine's span ends after its deferred wg.Done, which let
	// Spawn return: it may be recorded a moment later.
	lit := zipkintest.Await(t, rec, "capture.Spawn.func1")
	zipkintest.ChildOfSpan(t, lit, spawn)
	// The body sees the literal's span under the name it already used.
	if got := zipkin.SpanFromContext(<-out).Context().ID; got != lit.ID {
		t.Errorf("the literal's ctx carries span %v, want its own span %v", got, lit.ID)
	}
}

func TestGroupLiteralStartsFromTheInnerContext(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
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
	fetch := zipkintest.Named(t, rec, "capture.Fetch")
	zipkintest.ChildOf(t, fetch, p)
	lits := all(rec, "capture.Fetch.func1")
	if len(lits) != 2 || len(spans) != 2 {
		t.Fatalf("%d literal spans, %d calls; want 2 and 2", len(lits), len(spans))
	}
	for i, lit := range lits {
		zipkintest.ChildOfSpan(t, lit, fetch)
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
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	if got := Quiet(ctx); got != 1 {
		t.Errorf("Quiet = %d, want 1", got)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "capture.Quiet.func1"), zipkintest.Named(t, rec, "capture.Quiet"))
}

func TestLiteralBeforeAnyContextStartsANewTrace(t *testing.T) {
	rec := zipkintest.Record(t)
	out := make(chan string, 1)
	Early(out)
	if got := <-out; got != "early" {
		t.Errorf("got %q", got)
	}
	early, lit := zipkintest.Named(t, rec, "capture.Early"), zipkintest.Named(t, rec, "capture.Early.func1")
	zipkintest.IsRoot(t, early)
	zipkintest.IsRoot(t, lit)
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
