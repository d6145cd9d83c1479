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

// BenchmarkReporterDrain isolates the reporter from span production: it
// hands one finished, typical span (see BenchmarkEncodeJSON) to each
// library's HTTP reporter b.N times, with queues that hold them all (OTel:
// a blocking batch processor), then flushes. spans/s is how fast each
// reporter encodes and delivers to the loopback collector when nothing is
// dropped: its capacity, which BenchmarkReporterThroughput can only show
// through its drop rate.
func BenchmarkReporterDrain(b *testing.B) {
	b.Run("zipkingen", benchOursDrain)
	b.Run("zipkingo", benchZipkinGoDrain)
	b.Run("otel", benchOTelDrain)
}

func benchOursDrain(b *testing.B) {
	c := newCollector(b)
	s := oursTypicalSpan(b)
	queue := max(b.N, zipkin.DefaultQueueSpans)
	rep, err := zipkin.NewHTTPReporter(c.URL(), zipkin.ReporterOptions{QueueSpans: queue, QueueBytes: 1 << 40})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	for range b.N {
		rep.Report(s)
	}
	if err := rep.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	reportThroughput(b, c, start)
}

func benchZipkinGoDrain(b *testing.B) {
	c := newCollector(b)
	sm := *zipkinGoTypicalSpan()
	rep := zgreporterhttp.NewReporter(c.URL(), zgreporterhttp.Logger(quietLogger), zgreporterhttp.MaxBacklog(b.N+1))
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	for range b.N {
		rep.Send(sm)
	}
	if err := rep.Close(); err != nil {
		b.Fatal(err)
	}
	reportThroughput(b, c, start)
}

// captureProcessor keeps the last span that ended.
type captureProcessor struct {
	dropProcessor
	last sdktrace.ReadOnlySpan
}

func (p *captureProcessor) OnEnd(s sdktrace.ReadOnlySpan) { p.last = s }

func benchOTelDrain(b *testing.B) {
	c := newCollector(b)
	capture := &captureProcessor{}
	tr := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(capture)).Tracer("bench")
	otelTypicalSpan(tr)
	exp, err := otelzipkin.New(c.URL()) // no WithLogger: with one, every export formats its whole body into a log line
	if err != nil {
		b.Fatal(err)
	}
	bsp := sdktrace.NewBatchSpanProcessor(exp, sdktrace.WithBlocking())
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	for range b.N {
		bsp.OnEnd(capture.last)
	}
	if err := bsp.Shutdown(context.Background()); err != nil {
		b.Fatal(err)
	}
	reportThroughput(b, c, start)
}
