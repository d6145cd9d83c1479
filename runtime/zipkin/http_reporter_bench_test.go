package zipkin

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReporterThroughput reports b.N finished spans from one
// goroutine to a loopback collector that decompresses every batch and
// counts its spans, and reports the spans per second the collector
// received, from the first Report to the end of Flush. The producer pauses
// while the queue is half full, so that the number measures delivery, not
// how fast spans can be dropped; dropped/op shows that nothing was.
func BenchmarkReporterThroughput(b *testing.B) {
	for _, enc := range []Encoding{JSON, Proto3} {
		b.Run(enc.String(), func(b *testing.B) { benchmarkThroughput(b, enc) })
	}
}

// BenchmarkReporterPipeline measures the reporter alone: Report, batch,
// encode and gzip, handing every batch to a Transport that discards it.
// Its spans/s is the reporter's own ceiling, whatever the collector; its
// cpu-ns/span is what the reporter costs the traced process.
//
// The -nogzip variants leave compression out (CompressNone): the
// difference is what gzip costs per span, the largest part of the
// reporter's CPU time.
func BenchmarkReporterPipeline(b *testing.B) {
	for _, enc := range []Encoding{JSON, Proto3, OTLP} {
		for _, compress := range []bool{true, false} {
			name := enc.String()
			if !compress {
				name += "-nogzip"
			}
			b.Run(name, func(b *testing.B) {
				discard := transportFunc(func(context.Context, []byte, string) error { return nil })
				r, err := newBatchReporter(discard, ReporterOptions{Encoding: enc}, compress)
				if err != nil {
					b.Fatal(err)
				}
				runThroughput(b, r)
			})
		}
	}
}

func benchmarkThroughput(b *testing.B, enc Encoding) {
	c := newFakeCollector(b, true)
	c.countOnly.Store(true)
	rep, err := NewHTTPReporter(c.URL(), ReporterOptions{Encoding: enc, ErrorLog: func(err error) { b.Error(err) }})
	if err != nil {
		b.Fatal(err)
	}
	runThroughput(b, rep.(*batchReporter))
	if got, want := c.accepted.Load(), rep.(*batchReporter).ReporterStats().Reported; uint64(got) != want {
		b.Fatalf("collector counted %d spans, reporter %d", got, want)
	}
}

// runThroughput reports b.N spans to r, closes it, and reports delivered
// spans/s, drops, bytes on the wire and CPU time per span.
func runThroughput(b *testing.B, r *batchReporter) {
	spans := make([]*Span, 4096) // the same spans again and again: measure the reporter, not the tracer
	for i := range spans {
		spans[i] = newTestSpan("bench.operation")
	}
	maxSpans, maxBytes := int64(r.o.QueueSpans/2), int64(r.o.QueueBytes/2)

	b.ReportAllocs()
	b.ResetTimer()
	start, cpuStart := time.Now(), processCPUTime()
	for i := range b.N {
		for r.queuedSpans.Load() > maxSpans || r.queuedBytes.Load() > maxBytes {
			time.Sleep(50 * time.Microsecond)
		}
		r.Report(spans[i%len(spans)])
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := r.Close(ctx); err != nil {
		b.Fatal(err)
	}
	elapsed, cpu := time.Since(start), processCPUTime()-cpuStart
	b.StopTimer()
	st := r.ReporterStats()
	b.ReportMetric(float64(st.Reported)/elapsed.Seconds(), "spans/s")
	b.ReportMetric(float64(st.TotalDropped())/float64(b.N), "dropped/op")
	b.ReportMetric(float64(st.BytesSent)/float64(st.Reported), "wire-B/span")
	// CPU time per span of the whole process (producer, reporter and, if
	// any, collector): unlike spans/s, it does not depend on what else
	// the machine is running.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(st.Reported), "cpu-ns/span")
}

// processCPUTime is the user and system CPU time this process has used.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReport measures what Report costs the traced goroutines, all
// reporting at once: the queue fills and drops, as it would if the
// collector fell behind, so both paths are in the number.
func BenchmarkReport(b *testing.B) {
	discard := transportFunc(func(context.Context, []byte, string) error { return nil })
	r, err := newBatchReporter(discard, ReporterOptions{}, true)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close(context.Background())
	s := newTestSpan("bench.operation")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r.Report(s)
		}
	})
}
