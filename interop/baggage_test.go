package interop

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	zgo "github.com/openzipkin/zipkin-go"
	zgohttp "github.com/openzipkin/zipkin-go/middleware/http"
	"github.com/openzipkin/zipkin-go/propagation/baggage"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// zipkin-go propagates the headers registered with its baggage handler
// as they are; zipkingen's field "tenant-id" travels in B3 style as the
// header "baggage-tenant-id", so that is the name zipkin-go registers.
const theirBaggageHeader = "baggage-tenant-id"

func ourBaggageTracer(t *testing.T) *zipkin.Tracer {
	t.Helper()
	tr, err := zipkin.New(zipkin.Options{ServiceName: "ours", Reporter: zipkin.NewRecorder(), Baggage: []string{"tenant-id"}})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestBaggageFromTheirsToOurs: a zipkin-go service receives baggage, and
// its client transport carries it to our server, whose handler reads it.
func TestBaggageFromTheirsToOurs(t *testing.T) {
	ours := ourBaggageTracer(t)
	seen := make(chan string, 1)
	ourSrv := httptest.NewServer(zipkinhttp.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := zipkin.BaggageValue(r.Context(), "tenant-id")
		seen <- v
	}), zipkinhttp.ServerOptions{Tracer: ours}))
	defer ourSrv.Close()

	theirs, _ := theirTracer(t)
	rt, err := zgohttp.NewTransport(theirs)
	if err != nil {
		t.Fatal(err)
	}
	theirHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), "GET", ourSrv.URL, nil)
		resp, err := (&http.Client{Transport: rt}).Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})
	theirSrv := httptest.NewServer(zgohttp.NewServerMiddleware(theirs,
		zgohttp.EnableBaggage(baggage.New(theirBaggageHeader)))(theirHandler))
	defer theirSrv.Close()

	req, _ := http.NewRequest("GET", theirSrv.URL, nil)
	req.Header.Set(theirBaggageHeader, "acme")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := <-seen; got != "acme" {
		t.Errorf("our server saw tenant-id %q, want acme", got)
	}
}

// TestBaggageFromOursToTheirs: our client transport sends the baggage of
// its context, and zipkin-go's server puts it in its span context.
func TestBaggageFromOursToTheirs(t *testing.T) {
	ours := ourBaggageTracer(t)
	theirs, _ := theirTracer(t)
	seen := make(chan []string, 1)
	theirSrv := httptest.NewServer(zgohttp.NewServerMiddleware(theirs,
		zgohttp.EnableBaggage(baggage.New(theirBaggageHeader)))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sp := zgo.SpanFromContext(r.Context())
		if sp == nil || sp.Context().Baggage == nil {
			seen <- nil
			return
		}
		seen <- sp.Context().Baggage.Get(theirBaggageHeader)
	})))
	defer theirSrv.Close()

	ctx, span := ours.Start(context.Background(), "caller")
	ctx = ours.WithBaggage(ctx, "tenant-id", "acme")
	req, _ := http.NewRequestWithContext(ctx, "GET", theirSrv.URL, nil)
	resp, err := (&http.Client{Transport: zipkinhttp.Transport(nil, zipkinhttp.ClientOptions{Tracer: ours})}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	span.End(nil)
	if got := <-seen; len(got) != 1 || got[0] != "acme" {
		t.Errorf("zipkin-go saw %s = %q, want [acme]", theirBaggageHeader, got)
	}
}
