package hygiene

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestAssignedContextReachesTheEnclosingFunction(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	out := make(chan context.Context, 1)
	Assign(ctx, out)
	got := <-out
	if got.Value(key{}) != "set" {
		t.Errorf("Assign's ctx lost the literal's write")
	}
	assign := named(t, rec, "hygiene.Assign")
	childOfSpan(t, named(t, rec, "hygiene.Assign.func1"), assign)
	if id := zipkin.SpanFromContext(got).Context().ID; id != assign.ID {
		t.Errorf("Assign continues in span %v, want its own span %v", id, assign.ID)
	}
}

func TestLaterDeclarationKeepsItsMeaning(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	out := make(chan any, 2)
	Later(context.WithValue(ctx, key{}, "v"), out)
	if a, b := <-out, <-out; a != "v" || b != "later" {
		t.Errorf("got %v, %v; want v, later", a, b)
	}
	childOfSpan(t, named(t, rec, "hygiene.Later.func1"), named(t, rec, "hygiene.Later"))
}

func TestHiddenContextStartsANewTrace(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	out := make(chan string, 2)
	Param(ctx, out)
	if a, b := <-out, <-out; a != "param" || b != "done" {
		t.Errorf("got %q, %q", a, b)
	}
	isRoot(t, named(t, rec, "hygiene.Param.func1"))
}

func TestInnermostDerivedContextWins(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	out := make(chan context.Context, 1)
	Derived(ctx, out)
	got := <-out
	if got.Value(key{}) != "derived" {
		t.Errorf("the literal did not start from cctx")
	}
	lit := named(t, rec, "hygiene.Derived.func1")
	childOfSpan(t, lit, named(t, rec, "hygiene.Derived"))
	if id := zipkin.SpanFromContext(got).Context().ID; id != lit.ID {
		t.Errorf("the literal's cctx carries span %v, want %v", id, lit.ID)
	}
}

func TestLiteralInAPackageLevelLiteral(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	out := make(chan context.Context, 1)
	Handler(ctx, out)
	lit := named(t, rec, "hygiene.init.func1.1")
	childOf(t, lit, p)
	if id := zipkin.SpanFromContext(<-out).Context().ID; id != lit.ID {
		t.Errorf("the literal's ctx carries span %v, want %v", id, lit.ID)
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

// isRoot checks that s started a new trace.
func isRoot(t *testing.T, s zipkin.RecordedSpan) {
	t.Helper()
	if s.ParentID != 0 {
		t.Errorf("span %q has parent %v, want a new root", s.Name, s.ParentID)
	}
}
