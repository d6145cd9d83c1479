package tagstatement

import (
	"context"
	"slices"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestStatementDirectivesRunWhereTheyStand(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	if n, err := Process(ctx, []string{"a", "", "b"}); n != 2 || err != nil {
		t.Fatalf("Process = %d, %v", n, err)
	}
	s := named(t, rec, "tagstatement.Process")
	childOf(t, s, p)
	if a := annotations(s); !slices.Equal(a, []string{"start", "empty item", "done"}) {
		t.Errorf("annotations %q", a)
	}
	hasTag(t, s, "item.index", "2") // the last value set wins
	hasTag(t, s, "item.empty", "true")
	hasTag(t, s, "upper", "A,B")
	hasTag(t, s, "err", "<nil>")
	noTag(t, s, "error")

	rec.Reset()
	if _, err := Process(ctx, nil); err == nil {
		t.Fatal("Process(nil): no error")
	}
	s = named(t, rec, "tagstatement.Process")
	hasTag(t, s, "err", "nothing processed")
	hasTag(t, s, "error", "nothing processed")
	noTag(t, s, "item.index")
}

func TestDirectivesInSwitchSelectAndLiterals(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	if got := Switch(ctx, 0, nil); got != "zero" {
		t.Errorf("Switch(0) = %q", got)
	}
	if a := annotations(named(t, rec, "tagstatement.Switch")); !slices.Equal(a, []string{"zero"}) {
		t.Errorf("Switch(0) annotations %q", a)
	}
	rec.Reset()
	ch := make(chan int, 1)
	ch <- 5
	if got := Switch(ctx, 1, ch); got != "got 5" {
		t.Errorf("Switch(1) = %q", got)
	}
	s := named(t, rec, "tagstatement.Switch")
	hasTag(t, s, "mode", "1")
	hasTag(t, s, "received", "5")
	if len(s.Annotations) != 0 {
		t.Errorf("Switch(1) annotations %q", annotations(s))
	}

	rec.Reset()
	if got := Literal(ctx); got != 42 {
		t.Errorf("Literal = %d", got)
	}
	outer := named(t, rec, "tagstatement.Literal")
	if a := annotations(outer); !slices.Equal(a, []string{"calling literal"}) {
		t.Errorf("Literal annotations %q", a)
	}
	noTag(t, outer, "x")
	lit := named(t, rec, "tagstatement.Literal.func1")
	childOfSpan(t, lit, outer)
	hasTag(t, lit, "x", "21")
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

// annotations lists the annotation values of s in order.
func annotations(s zipkin.RecordedSpan) []string {
	var out []string
	for _, a := range s.Annotations {
		out = append(out, a.Value)
	}
	return out
}
