package allreturnscontext

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestReturnedContextsKeepTheCallersSpan: after ctx = WithUser(ctx, ...),
// the caller's next operation is the caller's child, not a child of the
// helper's span, which has already ended.
func TestReturnedContextsKeepTheCallersSpan(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	ctx = WithUser(ctx, "bob")
	if got := Work(ctx); got != "bob" {
		t.Errorf("Work = %q", got)
	}
	childOf(t, named(t, rec, "allreturnscontext.Work"), p)

	rec.Reset()
	ctx, cancel := WithCancel(ctx)
	defer cancel()
	Work(ctx)
	childOf(t, named(t, rec, "allreturnscontext.Work"), p)

	rec.Reset()
	r := Authenticated(httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
	if got := Work(r.Context()); got != "alice" {
		t.Errorf("Work = %q", got)
	}
	childOf(t, named(t, rec, "allreturnscontext.Work"), p)
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
