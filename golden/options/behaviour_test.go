package options

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestTraceOptions(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	for _, c := range []struct {
		call   func(context.Context)
		name   string
		kind   zipkin.Kind
		remote string
	}{
		{Client, "options.Client", zipkin.Client, "inventory"},
		{Server, "options.Server", zipkin.Server, ""},
		{Producer, "options.Producer", zipkin.Producer, "kafka"},
		{Consumer, "options.Consumer", zipkin.Consumer, ""},
		{Named, "db.query", zipkin.Client, "db"},
		{Escaped, `say "hi" \ bye`, zipkin.Unspecified, ""},
		{Spaces, "spaced", zipkin.Client, ""},
	} {
		c.call(ctx)
		s := named(t, rec, c.name)
		childOf(t, s, p)
		if s.Kind != c.kind {
			t.Errorf("%s: kind %v, want %v", c.name, s.Kind, c.kind)
		}
		if s.RemoteEndpoint.ServiceName != c.remote {
			t.Errorf("%s: remote service %q, want %q", c.name, s.RemoteEndpoint.ServiceName, c.remote)
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
