package zipkinhttp

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// roundTripFunc is a fake base transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTransportRecordsClientSpan(t *testing.T) {
	tr, rec := newTracer(t, "a", "")
	var sent *http.Request
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = r
		return &http.Response{StatusCode: 503, Body: http.NoBody, Request: r}, nil
	})
	ctx, parent := tr.Start(context.Background(), "caller")
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://user:pw@10.0.0.7:8443/pay/now?token=secret#frag", nil)
	req.Header.Set("X-Mine", "1")
	req.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") // forwarded by a proxy
	req.Header.Set("b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1")
	resp, err := Transport(base, ClientOptions{Tracer: tr, RemoteService: "payments"}).RoundTrip(req)
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("RoundTrip = %v, %v", resp, err)
	}
	parent.End(nil)

	if len(req.Header) != 3 {
		t.Errorf("the caller's request was modified: %v", req.Header)
	}
	if sent == req || sent.Header.Get("X-Mine") != "1" {
		t.Errorf("the sent request must be a copy carrying the caller's headers")
	}
	spans := rec.Spans()
	if len(spans) != 2 {
		t.Fatalf("recorded %d spans, want client and caller", len(spans))
	}
	s := spans[0]
	if s.Kind != zipkin.Client || s.Name != "POST" || s.ParentID != parent.Context().ID || s.TraceID != parent.Context().TraceID {
		t.Errorf("client span %+v is not a CLIENT child of the caller", s)
	}
	want := map[string]string{"http.method": "POST", "http.url": "https://10.0.0.7:8443/pay/now", "http.status_code": "503", "error": "503"}
	if !sameTags(s.Tags, want) {
		t.Errorf("tags %v, want %v", s.Tags, want)
	}
	if ep := s.RemoteEndpoint; ep.ServiceName != "payments" || ep.Addr.String() != "10.0.0.7" || ep.Port != 8443 {
		t.Errorf("remote endpoint %+v", ep)
	}
	if sent.Header.Get("traceparent") != "" || sent.Header.Get("b3") != "" {
		t.Errorf("stale trace headers were forwarded: %v", sent.Header)
	}
	sc, ok := zipkin.ExtractHeader(sent.Header)
	if !ok || sc.ID != s.ID || sc.TraceID != s.TraceID || sc.ParentID != s.ParentID {
		t.Errorf("injected %+v, want the client span %v/%v", sc, s.TraceID, s.ID)
	}
}

func TestTransportRecordsTransportError(t *testing.T) {
	tr, rec := newTracer(t, "a", "")
	refused := errors.New("connection refused")
	base := roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, refused })
	req := httptest.NewRequest("GET", "http://db.internal/q", nil)
	req.RequestURI = ""
	if _, err := Transport(base, ClientOptions{Tracer: tr}).RoundTrip(req); err != refused {
		t.Fatalf("RoundTrip error %v, want the base's", err)
	}
	s := oneSpan(t, rec)
	if s.Tags["error"] != "connection refused" || s.Tags["http.status_code"] != "" || s.RemoteEndpoint.Port != 80 {
		t.Errorf("span %+v", s)
	}
}

// TestTransportPropagatesDeny: an unsampled trace records nothing but still
// tells the next service not to sample.
func TestTransportPropagatesDeny(t *testing.T) {
	tr, rec := newTracer(t, "a", "b3single")
	var got string
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = r.Header.Get("b3")
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})
	ctx := zipkin.ContextWithSpanContext(context.Background(), zipkin.SpanContext{
		TraceID: zipkin.TraceID{Low: 0xabc}, ID: 0xdef, Sampling: zipkin.Deny,
	})
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://x/", nil)
	if _, err := Transport(base, ClientOptions{Tracer: tr}).RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "0000000000000abc-") || !strings.HasSuffix(got, "-0") || len(rec.Spans()) != 0 {
		t.Errorf("b3 header %q and %d spans; want the denied trace, nothing recorded", got, len(rec.Spans()))
	}
}

func TestRedactedURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://u:p@h:1/a%2Fb?q=1#f": "http://h:1/a%2Fb",
		"https://h/":                 "https://h/",
		"http://[::1]:80/x?y":        "http://[::1]:80/x",
	} {
		req, _ := http.NewRequest("GET", in, nil)
		if got := redactedURL(req.URL); got != want {
			t.Errorf("redactedURL(%q) = %q, want %q", in, got, want)
		}
	}
}
