package bench

import (
	"testing"

	zipkingo "github.com/openzipkin/zipkin-go"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// BenchmarkSamplerDecision is the cost of one sampling decision for a new
// trace (issue 15): a probability decided from the trace ID, and a rate
// limit of N traces a second, next to zipkin-go's boundary sampler and
// OTel's TraceIDRatioBased. Every variant must report 0 allocs/op.
func BenchmarkSamplerDecision(b *testing.B) {
	id := zipkin.TraceID{High: 0x463ac35c9f6413ad, Low: 0x48485a3953bb6124}
	b.Run("zipkingen/probability", func(b *testing.B) {
		s := zipkin.ProbabilitySampler(0.25)
		benchDecisions(b, func() bool { return s.Sample(id) })
	})
	b.Run("zipkingen/ratelimited", func(b *testing.B) {
		s := zipkin.RateLimitedSampler(100)
		benchDecisions(b, func() bool { return s.Sample(id) })
	})
	b.Run("zipkingen/rules", func(b *testing.B) {
		rules := zipkin.SamplingRules{
			{Route: "/healthz"},
			{Method: "POST", Route: "/api/*", Sampler: zipkin.RateLimitedSampler(100)},
			{Route: "/api/*", Sampler: zipkin.ProbabilitySampler(0.25)},
		}
		benchDecisions(b, func() bool {
			opt, ok := rules.Match("GET", "/api/items/42")
			_ = opt
			return ok
		})
	})
	b.Run("zipkingo/boundary", func(b *testing.B) {
		s, err := zipkingo.NewBoundarySampler(0.25, 1)
		if err != nil {
			b.Fatal(err)
		}
		benchDecisions(b, func() bool { return s(id.Low) })
	})
	b.Run("otel/ratio", func(b *testing.B) {
		s := sdktrace.TraceIDRatioBased(0.25)
		p := sdktrace.SamplingParameters{TraceID: oteltrace.TraceID{0x46, 0x3a, 0xc3, 0x5c, 0x9f, 0x64, 0x13, 0xad, 0x48, 0x48, 0x5a, 0x39, 0x53, 0xbb, 0x61, 0x24}}
		benchDecisions(b, func() bool { return s.ShouldSample(p).Decision == sdktrace.RecordAndSample })
	})
}

var decisionSink bool

func benchDecisions(b *testing.B, decide func() bool) {
	b.ReportAllocs()
	for b.Loop() {
		decisionSink = decide()
	}
}
