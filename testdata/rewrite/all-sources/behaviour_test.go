package allsources

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestAllTracesEverySource(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	s := &Store{data: map[string]int{"a": 1}}
	if s.Len() != 1 || helper(1) != 2 {
		t.Error("Len or helper changed")
	}
	Ignored(ctx)
	if got := Literal(ctx)(ctx); got != 2 {
		t.Errorf("literal = %d", got)
	}
	Named(ctx)
	Rooted()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/?key=zz", nil).WithContext(ctx))
	if w.Code != http.StatusNotFound {
		t.Errorf("ServeHTTP status %d", w.Code)
	}

	var names []string
	for _, sp := range rec.Spans() {
		names = append(names, sp.Name)
	}
	sort.Strings(names)
	want := []string{"allsources.Literal", "allsources.Rooted", "allsources.Store.Get",
		"allsources.Store.ServeHTTP", "allsources.double", "custom"}
	if len(names) != len(want) {
		t.Fatalf("spans %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("spans %q, want %q", names, want)
		}
	}
	serve := named(t, rec, "allsources.Store.ServeHTTP")
	childOf(t, serve, p)
	get := named(t, rec, "allsources.Store.Get")
	childOfSpan(t, get, serve)
	hasTag(t, get, "error", "value out of range")
	childOf(t, named(t, rec, "allsources.Literal"), p)
	// The literal Literal returns is not traced; it was called with the
	// test's ctx.
	childOf(t, named(t, rec, "allsources.double"), p)
	if c := named(t, rec, "custom"); c.Kind != zipkin.Server {
		t.Errorf("custom kind %v", c.Kind)
	}
	isRoot(t, named(t, rec, "allsources.Rooted"))
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

// hasTag checks one tag's value.
func hasTag(t *testing.T, s zipkin.RecordedSpan, key, want string) {
	t.Helper()
	got, ok := s.Tags[key]
	switch {
	case !ok:
		t.Errorf("span %q has no tag %q; tags %q", s.Name, key, s.Tags)
	case got != want:
		t.Errorf("span %q: tag %q = %q, want %q", s.Name, key, got, want)
	}
}
