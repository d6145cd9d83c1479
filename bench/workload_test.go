package bench

import (
	"context"
	"io"
	"log"
	"testing"
	"time"

	zipkingo "github.com/openzipkin/zipkin-go"
	zgreporter "github.com/openzipkin/zipkin-go/reporter"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// The child-span workload: every library starts a child of the span in ctx,
// adds these two tags and one annotation (an OTel event), and ends it.
const (
	childName  = "child"
	tag1Key    = "db.system"
	tag1Value  = "postgres"
	tag2Key    = "user.id"
	tag2Value  = "42"
	annotation = "cache miss"
)

// otelTags are the workload's tags as OTel attributes, built once so that
// the OTel side is not charged for constructing them.
var otelTags = []attribute.KeyValue{
	attribute.String(tag1Key, tag1Value),
	attribute.String(tag2Key, tag2Value),
}

// quietLogger swallows the log lines peers print when they drop spans, so
// that benchmark output stays parseable.
var quietLogger = log.New(io.Discard, "", 0)

// zipkinGoMode selects how the zipkin-go tracer under test is configured.
type zipkinGoMode int

const (
	zgSampled   zipkinGoMode = iota // AlwaysSample
	zgUnsampled                     // NeverSample, unsampled spans are no-op spans (its cheapest setting)
	zgDisabled                      // WithNoopTracer(true)
)

// newZipkinGoTracer returns a zipkin-go tracer in mode m reporting into rep
// (a no-op reporter when rep is nil).
func newZipkinGoTracer(tb testing.TB, m zipkinGoMode, rep zgreporter.Reporter) *zipkingo.Tracer {
	tb.Helper()
	if rep == nil {
		rep = zgreporter.NewNoopReporter()
	}
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
	tr, err := zipkingo.NewTracer(rep, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return tr
}

// zipkinGoParent returns a context holding a root span of tr: the parent of
// the workload's child.
func zipkinGoParent(tr *zipkingo.Tracer) context.Context {
	return zipkingo.NewContext(context.Background(), tr.StartSpan("parent"))
}

// zipkinGoChild is the workload in zipkin-go.
func zipkinGoChild(ctx context.Context, tr *zipkingo.Tracer) {
	sp, _ := tr.StartSpanFromContext(ctx, childName)
	sp.Tag(tag1Key, tag1Value)
	sp.Tag(tag2Key, tag2Value)
	sp.Annotate(time.Now(), annotation)
	sp.Finish()
}

// otelMode selects how the OTel tracer under test is configured.
type otelMode int

const (
	otelSampled   otelMode = iota // AlwaysSample, into a dropping processor
	otelUnsampled                 // ParentBased(AlwaysOff): the parent is not recording
	otelDisabled                  // the noop TracerProvider
)

// dropProcessor is an OTel SpanProcessor that discards everything: the OTel
// counterpart of zipkin-go's no-op reporter, and cheaper than any exporter.
type dropProcessor struct{}

func (dropProcessor) OnStart(context.Context, sdktrace.ReadWriteSpan) {}
func (dropProcessor) OnEnd(sdktrace.ReadOnlySpan)                     {}
func (dropProcessor) Shutdown(context.Context) error                  { return nil }
func (dropProcessor) ForceFlush(context.Context) error                { return nil }

// newOTelTracer returns an OTel tracer in mode m.
func newOTelTracer(tb testing.TB, m otelMode) trace.Tracer {
	return newOTelProvider(tb, m).Tracer("bench")
}

// newOTelProvider returns an OTel TracerProvider in mode m.
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

// otelParent returns a context holding a root span of tr.
func otelParent(tr trace.Tracer) context.Context {
	ctx, _ := tr.Start(context.Background(), "parent")
	return ctx
}

// otelChild is the workload in OTel.
func otelChild(ctx context.Context, tr trace.Tracer) {
	_, sp := tr.Start(ctx, childName)
	sp.SetAttributes(otelTags...)
	sp.AddEvent(annotation)
	sp.End()
}
