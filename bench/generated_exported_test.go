package bench

import (
	"context"
	"fmt"
	"testing"
	"time"

	zipkingo "github.com/openzipkin/zipkin-go"
	zgreporterhttp "github.com/openzipkin/zipkin-go/reporter/http"
	"github.com/zipkingen/zipkingen/bench/generated"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	//lint:ignore SA1019 the issue compares with OTel's Zipkin exporter for as long as it exists
	otelzipkin "go.opentelemetry.io/otel/exporters/zipkin"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// benchGeneratedExported is BenchmarkGenerated's "exported" mode: the same
// sampled function, each library reporting over HTTP to the same kind of
// loopback collector with its default settings (zipkingen's HTTP reporter,
// zipkin-go's HTTP reporter, OTel's batch span processor with its Zipkin
// exporter), flushed before the clock stops. cpu-ns/op is the whole
// process's CPU per call, delivery and the collector included (the
// collector's share, about 1.5 µs per span here, is the same for every
// library, so it narrows the ratios); dropped/op is the fraction of spans
// the collector never received, which the pacing in benchLookupDelivered
// keeps at zero.
func benchGeneratedExported(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) {
		c := newCollector(b)
		rep, err := zipkin.NewHTTPReporter(c.URL(), zipkin.ReporterOptions{ErrorLog: func(error) {}})
		if err != nil {
			b.Fatal(err)
		}
		t, err := zipkin.New(zipkin.Options{ServiceName: "bench", Reporter: rep})
		if err != nil {
			b.Fatal(err)
		}
		useOursDefault(b, t)
		ctx, parent := zipkin.Start(context.Background(), "parent")
		benchLookupDelivered(b, c, ctx, generated.Lookup, func(int64) error { return t.Flush(context.Background()) }, func() error {
			parent.End(nil)
			return t.Shutdown(context.Background())
		})
	})
	b.Run("zipkingo", func(b *testing.B) {
		c := newCollector(b)
		rep := zgreporterhttp.NewReporter(c.URL(), zgreporterhttp.Logger(quietLogger))
		generated.ZipkinGoTracer = newZipkinGoTracer(b, zgSampled, rep)
		parent := generated.ZipkinGoTracer.StartSpan("parent")
		ctx := zipkingo.NewContext(context.Background(), parent)
		// zipkin-go's reporter has no flush: wait for the collector, which
		// its batches of 100 reach without waiting for the 1 s interval (and
		// 500 calls stay under its backlog of 1000, past which it drops).
		benchLookupDelivered(b, c, ctx, generated.LookupZipkinGo, c.awaitSpans, func() error {
			parent.Finish()
			return rep.Close()
		})
	})
	b.Run("otel", func(b *testing.B) {
		c := newCollector(b)
		exp, err := otelzipkin.New(c.URL()) // no WithLogger: with one, every export formats its whole body into a log line
		if err != nil {
			b.Fatal(err)
		}
		tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithSampler(sdktrace.AlwaysSample()))
		generated.OTelTracer = tp.Tracer("bench")
		ctx, parent := generated.OTelTracer.Start(context.Background(), "parent")
		benchLookupDelivered(b, c, ctx, generated.LookupOTel, func(int64) error { return tp.ForceFlush(context.Background()) }, func() error {
			parent.End()
			return tp.Shutdown(context.Background())
		})
	})
}

// deliverEvery is how many calls benchLookupDelivered makes between waits
// for delivery: few enough that no reporter's queue fills (each would drop
// spans to stay non-blocking, and the comparison would be of dropping).
const deliverEvery = 500

// benchLookupDelivered calls lookup b.N times, waiting with deliver after
// every deliverEvery calls until the spans so far have reached c (waiting
// costs no CPU: the metric is cpu-ns/op), then calls flush, which ends the
// parent span and delivers the rest. Spans that did not reach c are
// reported as dropped/op.
func benchLookupDelivered(b *testing.B, c *collector, ctx context.Context, lookup func(context.Context, string) (int, error), deliver func(calls int64) error, flush func() error) {
	want, _ := generated.LookupUntraced(context.Background(), lookupID)
	b.ReportAllocs()
	b.ResetTimer()
	stop := reportCPU(b)
	for i := range b.N {
		if n, err := lookup(ctx, lookupID); n != want || err != nil {
			b.Fatalf("lookup = %d, %v; want %d", n, err, want)
		}
		if (i+1)%deliverEvery == 0 {
			if err := deliver(int64(i + 1)); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := flush(); err != nil {
		b.Fatal(err)
	}
	stop()
	b.StopTimer()
	if c.bad.Load() != 0 {
		b.Fatalf("collector rejected %d batches", c.bad.Load())
	}
	got := c.spans.Load() - 1 // the parent
	b.ReportMetric(max(0, 1-float64(got)/float64(b.N)), "dropped/op")
}

// awaitSpans waits until c has counted n spans, for at most 10 s.
func (c *collector) awaitSpans(n int64) error {
	deadline := time.Now().Add(10 * time.Second)
	for c.spans.Load() < n {
		if time.Now().After(deadline) {
			return fmt.Errorf("collector has %d spans after 10 s, want %d", c.spans.Load(), n)
		}
		time.Sleep(100 * time.Microsecond)
	}
	return nil
}
