package bench

import (
	"testing"
)

// BenchmarkChildSampled is issue 2's first measurement: a sampled child span
// with two tags and one annotation, ended into a discarding reporter. Its
// "floor" is not a library: it measures the primitives the workload needs
// and nothing else (floor_test.go).
func BenchmarkChildSampled(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) { benchOursChild(b, oursSampled) })
	b.Run("zipkingo", func(b *testing.B) { benchZipkinGoChild(b, zgSampled) })
	b.Run("otel", func(b *testing.B) { benchOTelChild(b, otelSampled) })
	b.Run("floor", benchFloorChild) // floor_test.go: the primitives alone
}

// BenchmarkChildUnsampled is the same workload under a parent that is not
// sampled: what traced code costs for the traces a sample rate skips.
func BenchmarkChildUnsampled(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) { benchOursChild(b, oursUnsampled) })
	b.Run("zipkingo", func(b *testing.B) { benchZipkinGoChild(b, zgUnsampled) })
	b.Run("otel", func(b *testing.B) { benchOTelChild(b, otelUnsampled) })
}

// BenchmarkChildDisabled is the same workload with tracing switched off:
// what instrumented code costs when nobody configured a collector.
func BenchmarkChildDisabled(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) { benchOursChild(b, oursDisabled) })
	b.Run("zipkingo", func(b *testing.B) { benchZipkinGoChild(b, zgDisabled) })
	b.Run("otel", func(b *testing.B) { benchOTelChild(b, otelDisabled) })
}

func benchZipkinGoChild(b *testing.B, m zipkinGoMode) {
	tr := newZipkinGoTracer(b, m, nil)
	ctx := zipkinGoParent(tr)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		zipkinGoChild(ctx, tr)
	}
}

func benchOTelChild(b *testing.B, m otelMode) {
	tr := newOTelTracer(b, m)
	ctx := otelParent(tr)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		otelChild(ctx, tr)
	}
}
