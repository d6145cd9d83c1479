package zipkinhttp

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// baggageTracer records into a Recorder, allow-listing tenant-id.
func baggageTracer(t *testing.T, service string) (*zipkin.Tracer, *zipkin.Recorder) {
	t.Helper()
	rec := zipkin.NewRecorder()
	tr, err := zipkin.New(zipkin.Options{ServiceName: service, Reporter: rec, Baggage: []string{"tenant-id"}, BaggageTags: true})
	if err != nil {
		t.Fatal(err)
	}
	return tr, rec
}

// TestBaggageCrossesServices: the edge's caller sends baggage; the front
// service's middleware reads it, its client transport sends it on, and
// the back service sees it in its handler's context.
func TestBaggageCrossesServices(t *testing.T) {
	for _, edge := range []bool{false, true} {
		backTr, _ := baggageTracer(t, "back")
		seen := make(chan string, 1)
		back := httptest.NewServer(Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v, _ := zipkin.BaggageValue(r.Context(), "tenant-id")
			seen <- v
		}), ServerOptions{Tracer: backTr}))
		defer back.Close()

		frontTr, frontRec := baggageTracer(t, "front")
		client := &http.Client{Transport: Transport(nil, ClientOptions{Tracer: frontTr})}
		front := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req, _ := http.NewRequestWithContext(r.Context(), "GET", back.URL, nil)
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}), ServerOptions{Tracer: frontTr, UntrustedEdge: edge})
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("baggage", "tenant-id=acme,other=x")
		front.ServeHTTP(httptest.NewRecorder(), r)
		got := <-seen
		want := "acme"
		if edge {
			want = ""
		}
		if got != want {
			t.Errorf("edge %v: the back service saw tenant-id %q, want %q", edge, got, want)
		}
		server := frontRec.Spans()
		var tagged bool
		for _, s := range server {
			if s.Kind == zipkin.Server && s.Tags["tenant-id"] == "acme" {
				tagged = true
			}
		}
		if tagged == edge {
			t.Errorf("edge %v: server span tagged with baggage %v", edge, tagged)
		}
	}
}
