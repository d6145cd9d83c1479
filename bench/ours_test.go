package bench

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// discardReporter drops every span: the zipkingen counterpart of zipkin-go's
// no-op reporter and of the OTel dropProcessor. Like the package's own
// reporters once a span is encoded, it hands the span back (Recycle), which
// reuses spans begun with StartLeaf (zipkinsql's) and leaves others alone.
type discardReporter struct{}

func (discardReporter) Report(s *zipkin.Span)       { s.Recycle() }
func (discardReporter) Flush(context.Context) error { return nil }
func (discardReporter) Close(context.Context) error { return nil }

// oursMode selects how the zipkingen tracer under test is configured.
type oursMode int

const (
	oursSampled   oursMode = iota // every trace recorded, into discardReporter
	oursUnsampled                 // SampleRate 0: new traces are not recorded
	oursDisabled                  // no endpoint, no reporter: what ZIPKIN_ENDPOINT unset gives
)

// newOursTracer returns a zipkingen tracer in mode m.
func newOursTracer(tb testing.TB, m oursMode) *zipkin.Tracer {
	tb.Helper()
	var o zipkin.Options
	switch m {
	case oursSampled:
		o = zipkin.Options{ServiceName: "bench", Reporter: discardReporter{}}
	case oursUnsampled:
		zero := 0.0
		o = zipkin.Options{ServiceName: "bench", Reporter: discardReporter{}, SampleRate: &zero}
	}
	t, err := zipkin.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	if got, want := t.Enabled(), m != oursDisabled; got != want {
		tb.Fatalf("tracer enabled = %v, want %v", got, want)
	}
	return t
}

// useOursDefault makes t the default tracer, which generated code and the
// package-level functions use, for the duration of tb.
func useOursDefault(tb testing.TB, t *zipkin.Tracer) {
	prev := zipkin.SetDefault(t)
	tb.Cleanup(func() { zipkin.SetDefault(prev) })
}

// oursParent returns a context holding a root span of the default tracer
// (for an unsampled tracer: the root's "not sampled" decision).
func oursParent() context.Context {
	ctx, _ := zipkin.StartRoot("parent")
	return ctx
}

// oursChild is the workload in zipkingen, through the package-level API
// that generated code calls.
func oursChild(ctx context.Context) {
	_, span := zipkin.Start(ctx, childName)
	span.Tag(tag1Key, tag1Value)
	span.Tag(tag2Key, tag2Value)
	span.Annotate(annotation)
	span.End(nil)
}

func benchOursChild(b *testing.B, m oursMode) {
	useOursDefault(b, newOursTracer(b, m))
	ctx := oursParent()
	if got, want := zipkin.SpanFromContext(ctx) != nil, m == oursSampled; got != want {
		b.Fatalf("parent recording = %v, want %v", got, want)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		oursChild(ctx)
	}
}
