package grpcbench

import (
	"context"
	"net"
	"testing"

	zipkingo "github.com/openzipkin/zipkin-go"
	zgreporter "github.com/openzipkin/zipkin-go/reporter"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// The tracer settings of each mode, as in bench/workload_test.go and
// bench/ours_test.go.

type mode struct {
	name    string
	sampled string // the upstream decision in incoming metadata ("1" or "0")
	ours    oursMode
	zg      zipkinGoMode
	otel    otelMode
}

var modes = []mode{
	{"sampled", "1", oursSampled, zgSampled, otelSampled},
	{"unsampled", "0", oursUnsampled, zgUnsampled, otelUnsampled},
	{"disabled", "1", oursDisabled, zgDisabled, otelDisabled},
}

type discardReporter struct{}

func (discardReporter) Report(*zipkin.Span)         {}
func (discardReporter) Flush(context.Context) error { return nil }
func (discardReporter) Close(context.Context) error { return nil }

type oursMode int

const (
	oursSampled   oursMode = iota // every trace recorded, into discardReporter
	oursUnsampled                 // SampleRate 0: new traces are not recorded
	oursDisabled                  // no endpoint, no reporter: what ZIPKIN_ENDPOINT unset gives
)

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
	return t
}

type zipkinGoMode int

const (
	zgSampled   zipkinGoMode = iota // AlwaysSample
	zgUnsampled                     // NeverSample, unsampled spans are no-op spans (its cheapest setting)
	zgDisabled                      // WithNoopTracer(true)
)

func newZipkinGoTracer(tb testing.TB, m zipkinGoMode) *zipkingo.Tracer {
	tb.Helper()
	ep, err := zipkingo.NewEndpoint("bench", "127.0.0.1:8080")
	if err != nil {
		tb.Fatal(err)
	}
	opts := []zipkingo.TracerOption{zipkingo.WithLocalEndpoint(ep), zipkingo.WithSampler(zipkingo.AlwaysSample)}
	switch m {
	case zgUnsampled:
		opts = append(opts, zipkingo.WithSampler(zipkingo.NeverSample), zipkingo.WithNoopSpan(true))
	case zgDisabled:
		opts = append(opts, zipkingo.WithNoopTracer(true))
	}
	tr, err := zipkingo.NewTracer(zgreporter.NewNoopReporter(), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return tr
}

type otelMode int

const (
	otelSampled   otelMode = iota // AlwaysSample, into a dropping processor
	otelUnsampled                 // ParentBased(AlwaysOff): the parent is not recording
	otelDisabled                  // the noop TracerProvider
)

type dropProcessor struct{}

func (dropProcessor) OnStart(context.Context, sdktrace.ReadWriteSpan) {}
func (dropProcessor) OnEnd(sdktrace.ReadOnlySpan)                     {}
func (dropProcessor) Shutdown(context.Context) error                  { return nil }
func (dropProcessor) ForceFlush(context.Context) error                { return nil }

func newOTelProvider(tb testing.TB, m otelMode) trace.TracerProvider {
	tb.Helper()
	switch m {
	case otelDisabled:
		return noop.NewTracerProvider()
	case otelUnsampled:
		return sdktrace.NewTracerProvider(
			sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.NeverSample())),
			sdktrace.WithSpanProcessor(dropProcessor{}),
		)
	}
	return sdktrace.NewTracerProvider(
		sdktrace.WithSampler(sdktrace.AlwaysSample()),
		sdktrace.WithSpanProcessor(dropProcessor{}),
	)
}

// The callers' parents for the client benchmarks: a root span of each
// library in the mode's tracer (for an unsampled tracer, the root's "not
// sampled" decision).

func oursParent(t *zipkin.Tracer) context.Context {
	ctx, _ := t.Start(context.Background(), "parent")
	return ctx
}

func zipkinGoParent(tr *zipkingo.Tracer) context.Context {
	return zipkingo.NewContext(context.Background(), tr.StartSpan("parent"))
}

func otelParent(p trace.TracerProvider) context.Context {
	ctx, _ := p.Tracer("bench").Start(context.Background(), "parent")
	return ctx
}

// peerAddr is the caller's address the handler-only benchmarks give the
// server handlers, as a TCP transport would.
var peerAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 50123}

// Incoming metadata as a typical upstream sends it: a 128-bit trace, a
// parent with its own parent, in B3 multi and W3C traceparent.
const (
	mdTraceID  = "463ac35c9f6413ad48485a3953bb6124"
	mdSpanID   = "a2fb4a1d1a96d312"
	mdParentID = "0020000000000001"
)

func upstreamPairs(sampled string) []string {
	return []string{
		"x-b3-traceid", mdTraceID, "x-b3-spanid", mdSpanID, "x-b3-parentspanid", mdParentID, "x-b3-sampled", sampled,
		"traceparent", "00-" + mdTraceID + "-" + mdSpanID + "-0" + sampled,
	}
}
