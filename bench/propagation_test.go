package bench

import (
	"context"
	"net/http"
	"testing"

	"github.com/openzipkin/zipkin-go/propagation/b3"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"go.opentelemetry.io/otel/propagation"
)

// Incoming headers as a typical upstream sends them: a 128-bit trace, a
// sampled parent with its own parent.
const (
	hdrTraceID  = "463ac35c9f6413ad48485a3953bb6124"
	hdrSpanID   = "a2fb4a1d1a96d312"
	hdrParentID = "0020000000000001"
	hdrB3Single = hdrTraceID + "-" + hdrSpanID + "-1-" + hdrParentID
	hdrW3C      = "00-" + hdrTraceID + "-" + hdrSpanID + "-01"
)

func b3MultiHeader() http.Header {
	h := http.Header{}
	h.Set("X-B3-TraceId", hdrTraceID)
	h.Set("X-B3-SpanId", hdrSpanID)
	h.Set("X-B3-ParentSpanId", hdrParentID)
	h.Set("X-B3-Sampled", "1")
	return h
}

func b3SingleHeader() http.Header {
	h := http.Header{}
	h.Set("b3", hdrB3Single)
	return h
}

func w3cHeader() http.Header {
	h := http.Header{}
	h.Set("traceparent", hdrW3C)
	return h
}

// BenchmarkExtractB3Multi extracts X-B3-* headers, through each library's
// http.Header entry point (zipkin-go: b3.ExtractHTTP, as its middleware does).
func BenchmarkExtractB3Multi(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) { benchOursExtract(b, b3MultiHeader()) })
	b.Run("zipkingo", func(b *testing.B) { benchZipkinGoExtract(b, b3MultiHeader()) })
}

// BenchmarkExtractB3Single extracts the single "b3" header.
func BenchmarkExtractB3Single(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) { benchOursExtract(b, b3SingleHeader()) })
	b.Run("zipkingo", func(b *testing.B) { benchZipkinGoExtract(b, b3SingleHeader()) })
}

// BenchmarkExtractTraceparent extracts W3C traceparent (OTel: the
// TraceContext propagator, whose API returns a context).
func BenchmarkExtractTraceparent(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) { benchOursExtract(b, w3cHeader()) })
	b.Run("otel", func(b *testing.B) {
		h := w3cHeader()
		var tc propagation.TraceContext
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			sink = tc.Extract(ctx, propagation.HeaderCarrier(h))
		}
	})
}

// benchOursExtract measures zipkin.ExtractHeader, which accepts all four
// formats: the benchmark pays for looking past the absent ones.
func benchOursExtract(b *testing.B, h http.Header) {
	want := hdrTraceID
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		sc, ok := zipkin.ExtractHeader(h)
		if !ok || !sc.IsValid() {
			b.Fatal("zipkingen did not extract")
		}
	}
	if sc, _ := zipkin.ExtractHeader(h); sc.TraceID.String() != want {
		b.Fatalf("extracted trace %s, want %s", sc.TraceID, want)
	}
}

func benchZipkinGoExtract(b *testing.B, h http.Header) {
	r := &http.Request{Header: h}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		sc, err := b3.ExtractHTTP(r)()
		if err != nil || sc == nil {
			b.Fatal("zipkin-go did not extract", err)
		}
	}
}

// sink keeps results alive so that the compiler cannot drop the work.
var sink any
