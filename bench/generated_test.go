package bench

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/bench/generated"
)

// lookupID is the argument of every Lookup call.
const lookupID = "user-42"

// BenchmarkGenerated is issue 6's comparison: the same small function as
// zipkingen generates it (bench/generated/lookup.go, written by the CLI),
// by hand with zipkin-go and by hand with OTel, called from a context that
// holds a parent span; "untraced" is the function without instrumentation.
// Sampled, unsampled and disabled report into discarding reporters, to
// compare the instrumentation alone; "exported" delivers every span to a
// loopback collector through each library's own HTTP reporter or exporter.
func BenchmarkGenerated(b *testing.B) {
	for _, mode := range []struct {
		name string
		ours oursMode
		zg   zipkinGoMode
		otel otelMode
	}{
		{"sampled", oursSampled, zgSampled, otelSampled},
		{"unsampled", oursUnsampled, zgUnsampled, otelUnsampled},
		{"disabled", oursDisabled, zgDisabled, otelDisabled},
	} {
		b.Run(mode.name, func(b *testing.B) {
			b.Run("zipkingen", func(b *testing.B) {
				useOursDefault(b, newOursTracer(b, mode.ours))
				benchLookup(b, oursParent(), generated.Lookup)
			})
			b.Run("zipkingo", func(b *testing.B) {
				generated.ZipkinGoTracer = newZipkinGoTracer(b, mode.zg, nil)
				benchLookup(b, zipkinGoParent(generated.ZipkinGoTracer), generated.LookupZipkinGo)
			})
			b.Run("otel", func(b *testing.B) {
				generated.OTelTracer = newOTelTracer(b, mode.otel)
				benchLookup(b, otelParent(generated.OTelTracer), generated.LookupOTel)
			})
			b.Run("untraced", func(b *testing.B) {
				benchLookup(b, context.Background(), generated.LookupUntraced)
			})
		})
	}
	b.Run("exported", benchGeneratedExported) // generated_exported_test.go
}

func benchLookup(b *testing.B, ctx context.Context, lookup func(context.Context, string) (int, error)) {
	want, _ := generated.LookupUntraced(context.Background(), lookupID)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if n, err := lookup(ctx, lookupID); n != want || err != nil {
			b.Fatalf("lookup = %d, %v; want %d", n, err, want)
		}
	}
}
