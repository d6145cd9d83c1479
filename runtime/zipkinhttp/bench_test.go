package zipkinhttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// discardReporter drops spans, so the benchmarks measure the middleware,
// not a recorder's growing slice.
type discardReporter struct{}

func (discardReporter) Report(*zipkin.Span)         {}
func (discardReporter) Flush(context.Context) error { return nil }
func (discardReporter) Close(context.Context) error { return nil }

func benchTracer(b *testing.B) *zipkin.Tracer { return benchTracerRate(b, 1) }

// benchTracerRate is benchTracer sampling new traces at rate.
func benchTracerRate(b *testing.B, rate float64) *zipkin.Tracer {
	tr, err := zipkin.New(zipkin.Options{ServiceName: "bench", Reporter: discardReporter{}, SampleRate: &rate})
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

// nopWriter is a ResponseWriter that allocates nothing.
type nopWriter struct{ h http.Header }

func (w nopWriter) Header() http.Header       { return w.h }
func (nopWriter) Write(b []byte) (int, error) { return len(b), nil }
func (nopWriter) WriteHeader(int)             {}

func BenchmarkMiddlewareJoin(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	h := Middleware(mux, ServerOptions{Tracer: benchTracer(b)})
	r := httptest.NewRequest("GET", "/items/42", nil)
	r.Header.Set("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124")
	r.Header.Set("X-B3-SpanId", "a2fb4a1d1a96d312")
	r.Header.Set("X-B3-Sampled", "1")
	w := nopWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, r)
	}
}

// BenchmarkTransport is the client side of a sampled trace (a CLIENT
// span) and of an unsampled one: no span is recorded, but the decision
// still travels in the headers.
func BenchmarkTransport(b *testing.B) {
	forSampling(b, func(b *testing.B, tr *zipkin.Tracer) {
		resp := &http.Response{StatusCode: 200, Body: http.NoBody}
		rt := Transport(roundTripFunc(func(*http.Request) (*http.Response, error) { return resp, nil }), ClientOptions{Tracer: tr})
		ctx, span := tr.Start(context.Background(), "parent")
		defer span.End(nil)
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://10.0.0.1:8080/items/42?x=1", nil)
		b.ReportAllocs()
		for b.Loop() {
			rt.RoundTrip(req)
		}
	})
}

// BenchmarkMiddlewareNewTrace is a request without trace headers (wrk's,
// in the load test): a new trace, sampled or not.
func BenchmarkMiddlewareNewTrace(b *testing.B) {
	forSampling(b, func(b *testing.B, tr *zipkin.Tracer) {
		mux := http.NewServeMux()
		mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
		h := Middleware(mux, ServerOptions{Tracer: tr})
		r := httptest.NewRequest("GET", "/items/42", nil)
		w := nopWriter{h: http.Header{}}
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(w, r)
		}
	})
}

// forSampling runs bench as sub-benchmarks "sampled" and "unsampled", with
// a tracer that records every new trace and one that records none.
func forSampling(b *testing.B, bench func(b *testing.B, tr *zipkin.Tracer)) {
	for _, c := range []struct {
		name string
		rate float64
	}{{"sampled", 1}, {"unsampled", 0}} {
		b.Run(c.name, func(b *testing.B) { bench(b, benchTracerRate(b, c.rate)) })
	}
}
