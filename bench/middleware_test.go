package bench

import (
	"net/http"
	"net/http/httptest"
	"testing"

	zgmiddleware "github.com/openzipkin/zipkin-go/middleware/http"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
)

// BenchmarkMiddleware measures a server middleware around a small ServeMux
// route, called in process (no network): the request carries an upstream
// trace in both B3 and W3C headers, so every library joins it. "untraced"
// is the bare mux, the cost every other column includes.
func BenchmarkMiddleware(b *testing.B) {
	for _, mode := range []struct {
		name    string
		sampled string // the upstream decision in the headers; "" with tracing disabled
		ours    oursMode
		zg      zipkinGoMode
		otel    otelMode
	}{
		{"sampled", "1", oursSampled, zgSampled, otelSampled},
		{"unsampled", "0", oursUnsampled, zgUnsampled, otelUnsampled},
		{"disabled", "1", oursDisabled, zgDisabled, otelDisabled},
	} {
		b.Run(mode.name, func(b *testing.B) {
			req := upstreamRequest(mode.sampled)
			b.Run("zipkingen", func(b *testing.B) {
				h := zipkinhttp.Middleware(benchMux(), zipkinhttp.ServerOptions{Tracer: newOursTracer(b, mode.ours)})
				benchHandler(b, h, req)
			})
			b.Run("zipkingo", func(b *testing.B) {
				h := zgmiddleware.NewServerMiddleware(newZipkinGoTracer(b, mode.zg, nil))(benchMux())
				benchHandler(b, h, req)
			})
			b.Run("otel", func(b *testing.B) {
				h := otelhttp.NewHandler(benchMux(), "server",
					otelhttp.WithTracerProvider(newOTelProvider(b, mode.otel)),
					otelhttp.WithMeterProvider(metricnoop.NewMeterProvider()),
					otelhttp.WithPropagators(propagation.TraceContext{}))
				benchHandler(b, h, req)
			})
			b.Run("untraced", func(b *testing.B) { benchHandler(b, benchMux(), req) })
		})
	}
}

// benchMux is the application: one routed handler that writes a short body.
func benchMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("user " + r.PathValue("id")))
	})
	return mux
}

// upstreamRequest is a request from a traced caller whose decision is
// sampled ("1" or "0"), in B3 multi and W3C traceparent.
func upstreamRequest(sampled string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
	r.Header = b3MultiHeader()
	r.Header.Set("X-B3-Sampled", sampled)
	r.Header.Set("traceparent", "00-"+hdrTraceID+"-"+hdrSpanID+"-0"+sampled)
	return r
}

// discardResponse is a reusable ResponseWriter, so that the measurement is
// the middleware and not a recorder's allocations.
type discardResponse struct {
	header http.Header
	status int
}

func (w *discardResponse) Header() http.Header { return w.header }
func (w *discardResponse) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return len(b), nil
}
func (w *discardResponse) WriteHeader(code int) { w.status = code }

func benchHandler(b *testing.B, h http.Handler, req *http.Request) {
	w := &discardResponse{header: http.Header{}}
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK {
		b.Fatalf("status %d, want 200", w.status)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		clear(w.header)
		w.status = 0
		h.ServeHTTP(w, req)
	}
}
