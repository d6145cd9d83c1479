package bench

import (
	"context"
	"testing"
	"time"

	zgreporterhttp "github.com/openzipkin/zipkin-go/reporter/http"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	//lint:ignore SA1019 the issue compares with OTel's Zipkin exporter for as long as it exists
	otelzipkin "go.opentelemetry.io/otel/exporters/zipkin"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// BenchmarkReporterThroughput ends b.N sampled spans as fast as one
// goroutine can, each library reporting over HTTP to the same loopback
// collector with its default batching, then flushes. It reports spans/s
// delivered (counted by the collector, from the first span to the end of
// the flush) and the fraction of spans the reporter dropped to stay
// non-blocking. ns/op here is the producer's cost per span.
func BenchmarkReporterThroughput(b *testing.B) {
	b.Run("zipkingen", benchOursThroughput)
	b.Run("zipkingo", benchZipkinGoThroughput)
	b.Run("otel", benchOTelThroughput)
}

// reportThroughput records the collector's count against the elapsed time.
func reportThroughput(b *testing.B, c *collector, start time.Time) {
	elapsed := time.Since(start)
	b.StopTimer()
	got := c.spans.Load()
	if c.bad.Load() != 0 {
		b.Fatalf("collector rejected %d batches", c.bad.Load())
	}
	b.ReportMetric(float64(got)/elapsed.Seconds(), "spans/s")
	b.ReportMetric(1-float64(got)/float64(b.N), "dropped/op")
}

func benchOursThroughput(b *testing.B) {
	c := newCollector(b)
	rep, err := zipkin.NewHTTPReporter(c.URL(), zipkin.ReporterOptions{})
	if err != nil {
		b.Fatal(err)
	}
	t, err := zipkin.New(zipkin.Options{ServiceName: "bench", Reporter: rep})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	for range b.N {
		_, span := t.Start(ctx, childName)
		span.Tag(tag1Key, tag1Value)
		span.End(nil)
	}
	if err := t.Shutdown(ctx); err != nil {
		b.Fatal(err)
	}
	reportThroughput(b, c, start)
}

func benchZipkinGoThroughput(b *testing.B) {
	c := newCollector(b)
	rep := zgreporterhttp.NewReporter(c.URL(), zgreporterhttp.Logger(quietLogger))
	tr := newZipkinGoTracer(b, zgSampled, rep)
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	for range b.N {
		sp := tr.StartSpan(childName)
		sp.Tag(tag1Key, tag1Value)
		sp.Finish()
	}
	if err := rep.Close(); err != nil {
		b.Fatal(err)
	}
	reportThroughput(b, c, start)
}

func benchOTelThroughput(b *testing.B) {
	c := newCollector(b)
	exp, err := otelzipkin.New(c.URL()) // no WithLogger: with one, every export formats its whole body into a log line
	if err != nil {
		b.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithSampler(sdktrace.AlwaysSample()))
	tr := tp.Tracer("bench")
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	for range b.N {
		_, sp := tr.Start(ctx, childName)
		sp.SetAttributes(otelTags[0])
		sp.End()
	}
	if err := tp.Shutdown(ctx); err != nil {
		b.Fatal(err)
	}
	reportThroughput(b, c, start)
}
