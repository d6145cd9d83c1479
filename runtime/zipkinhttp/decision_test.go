package zipkinhttp

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestBareSamplingDecisions: headers that carry only a decision (B3's
// "b3: 0" deny, or debug without IDs) start a new trace that honours it,
// and a denied trace still tells the next hop so.
func TestBareSamplingDecisions(t *testing.T) {
	cases := []struct {
		name       string
		key, val   string
		recorded   bool
		debug      bool
		downstream string // X-B3-Sampled or X-B3-Flags sent on by the client
	}{
		{"b3 single deny", "b3", "0", false, false, "0"},
		{"b3 multi deny", "X-B3-Sampled", "0", false, false, "0"},
		{"b3 single debug", "b3", "d", true, true, ""},
		{"b3 multi debug", "X-B3-Flags", "1", true, true, ""},
	}
	for _, tc := range cases {
		rate := "1" // so that only the header's decision can deny
		if tc.recorded {
			rate = "0" // so that only the header's decision can sample
		}
		o, _ := zipkin.OptionsFromEnv(func(k string) string {
			if k == "ZIPKIN_SAMPLE_RATE" {
				return rate
			}
			return ""
		})
		rec := zipkin.NewRecorder()
		o.Reporter = rec
		tr, err := zipkin.New(o)
		if err != nil {
			t.Fatal(err)
		}
		var sent http.Header
		client := &http.Client{Transport: Transport(roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent = r.Header
			return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
		}), ClientOptions{Tracer: tr})}
		h := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://next/", nil)
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
			}
		}), ServerOptions{Tracer: tr})
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set(tc.key, tc.val)
		h.ServeHTTP(httptest.NewRecorder(), r)

		spans := rec.Spans()
		if got := len(spans) > 0; got != tc.recorded {
			t.Errorf("%s: recorded %d spans", tc.name, len(spans))
			continue
		}
		for _, s := range spans {
			if s.Debug != tc.debug {
				t.Errorf("%s: span %q debug %v", tc.name, s.Name, s.Debug)
			}
		}
		if !tc.recorded && (sent.Get("X-B3-Sampled") != tc.downstream || sent.Get("X-B3-TraceId") == "") {
			t.Errorf("%s: sent %v downstream, want a new trace with X-B3-Sampled: %s", tc.name, sent, tc.downstream)
		}
	}
}
