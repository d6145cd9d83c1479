package literalunnamed

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestUnnamedLiteralParameters(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	a, b := Handlers()
	if err := a(ctx, 1); err == nil {
		t.Fatal("a: no error")
	}
	un := named(t, rec, "unnamed")
	childOf(t, un, p)
	hasTag(t, un, "error", "unnamed failed")
	if s, err := b(ctx); s != "b" || err != nil {
		t.Fatalf("b = %q, %v", s, err)
	}
	bl := named(t, rec, "blank")
	childOf(t, bl, p)
	noTag(t, bl, "error")
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

// noTag checks that a tag is absent.
func noTag(t *testing.T, s zipkin.RecordedSpan, key string) {
	t.Helper()
	if v, ok := s.Tags[key]; ok {
		t.Errorf("span %q: unexpected tag %q = %q", s.Name, key, v)
	}
}
