package zipkinhttp

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestServerSamplingRules(t *testing.T) {
	rules := zipkin.SamplingRules{
		{Route: "/healthz"},
		{Method: "POST", Route: "/items/*", Sampler: zipkin.ProbabilitySampler(1)},
		{Route: "/items/*", Sampler: zipkin.ProbabilitySampler(0)},
	}
	for _, c := range []struct {
		name, method, path string
		header             map[string]string
		edge, want         bool
	}{
		{"health never", "GET", "/healthz", nil, false, false},
		{"post sampled", "POST", "/items/1", nil, false, true},
		{"get not", "GET", "/items/1", nil, false, false},
		{"no rule: tracer samples", "GET", "/other", nil, false, true},
		{"sampled parent honoured", "GET", "/healthz",
			map[string]string{"X-B3-TraceId": "463ac35c9f6413ad", "X-B3-SpanId": "a2fb4a1d1a96d312", "X-B3-Sampled": "1"}, false, true},
		{"deferring parent: rule decides", "GET", "/healthz",
			map[string]string{"X-B3-TraceId": "463ac35c9f6413ad", "X-B3-SpanId": "a2fb4a1d1a96d312"}, false, false},
		{"edge ignores the parent, rule decides", "GET", "/healthz",
			map[string]string{"X-B3-TraceId": "463ac35c9f6413ad", "X-B3-SpanId": "a2fb4a1d1a96d312", "X-B3-Sampled": "1"}, true, false},
		{"edge with a sampling rule", "POST", "/items/2", nil, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, rec := newTracer(t, "svc", "")
			h := Middleware(http.NotFoundHandler(), ServerOptions{Tracer: tr, SamplingRules: rules, UntrustedEdge: c.edge})
			r := httptest.NewRequest(c.method, c.path, nil)
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got := len(rec.Spans()) == 1; got != c.want {
				t.Errorf("sampled %v, want %v", got, c.want)
			}
		})
	}
}

func TestClientSamplingRules(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	tr, rec := newTracer(t, "client", "")
	client := &http.Client{Transport: Transport(nil, ClientOptions{Tracer: tr,
		SamplingRules: zipkin.SamplingRules{{Route: "/metrics"}}})}
	for _, p := range []string{"/metrics", "/api"} {
		resp, err := client.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	spans := rec.Spans()
	if len(spans) != 1 || spans[0].Tags["http.url"] != srv.URL+"/api" {
		t.Errorf("spans %+v, want the /api call only", spans)
	}
}
