package tracetree

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// process is one service's tracer, reporting to the collector over HTTP
// as a separate process would.
func process(t *testing.T, service, collectorURL string) *zipkin.Tracer {
	t.Helper()
	tr, err := zipkin.New(zipkin.Options{ServiceName: service, Endpoint: collectorURL})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// treeLine matches a span line of Format: the drawing, the service, the name.
var treeLine = regexp.MustCompile(`^([│ ]*)[├└]─ (\S+) · (.+?) (?:\[|\d)`)

// outline reduces a drawn tree to "depth service name" lines, so that a
// test compares the shape and not the timings.
func outline(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if m := treeLine.FindStringSubmatch(line); m != nil {
			out = append(out, fmt.Sprintf("%d %s %s", len([]rune(m[1]))/3, m[2], m[3]))
		}
	}
	return out
}

// TestOneTreeAcrossProcesses: three tracers (an edge, an HTTP API, a
// queue consumer) report to one collector; their spans make one tree,
// each span under its parent from another process.
func TestOneTreeAcrossProcesses(t *testing.T) {
	var c Collector
	collector := httptest.NewServer(&c)
	defer collector.Close()
	edge, api, worker := process(t, "edge", collector.URL), process(t, "api", collector.URL), process(t, "worker", collector.URL)

	consume := func(headers map[string]string) {
		sc, _ := zipkin.Extract(zipkin.MapCarrier(headers))
		_, span := worker.Start(context.Background(), "worker.handle", zipkin.WithParent(sc), zipkin.WithKind(zipkin.Consumer))
		span.Annotate("handled")
		span.End(nil)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		ctx, span := api.Start(r.Context(), "api.publish", zipkin.WithKind(zipkin.Producer))
		headers := map[string]string{}
		api.Inject(ctx, zipkin.MapCarrier(headers))
		span.End(nil)
		consume(headers)
		http.Error(w, "db down", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(zipkinhttp.Middleware(mux, zipkinhttp.ServerOptions{Tracer: api}))
	defer srv.Close()

	ctx, root := edge.Start(context.Background(), "edge.visit")
	client := &http.Client{Transport: zipkinhttp.Transport(nil, zipkinhttp.ClientOptions{Tracer: edge, RemoteService: "api"})}
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/orders/7", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	root.Tag("request", "GET /orders/7")
	root.End(nil)
	srv.Close() // the server span has ended once its handler returned
	for _, tr := range []*zipkin.Tracer{edge, api, worker} {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := tr.Shutdown(sctx); err != nil {
			t.Fatal(err)
		}
		cancel()
	}

	traces := Group(c.Spans(), root.Context().TraceID.String())
	if len(traces) != 1 || traces[0].ID != root.Context().TraceID.String() || len(traces[0].Spans) != 5 {
		t.Fatalf("grouped into %d traces (%+v), want one of 5 spans", len(traces), traces)
	}
	if roots := traces[0].Roots(); len(roots) != 1 || roots[0].Orphan {
		t.Fatalf("%d roots, want the edge's one", len(roots))
	}
	traces[0].Title = "GET /orders/7"
	text := Format(traces[0])
	want := []string{
		"0 edge edge.visit",
		"1 edge GET",
		"2 api GET /orders/{id}",
		"3 api api.publish",
		"4 worker worker.handle",
	}
	if got := outline(text); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tree outline:\n%s\nwant:\n%s\nfrom:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), text)
	}
	for _, part := range []string{
		"· GET /orders/7 · 5 spans · 3 services (edge, api, worker) ·",
		"[CLIENT → api (127.0.0.1:", "[SERVER → 127.0.0.1:", "[PRODUCER]", "[CONSUMER]",
		"✗ ERROR: 503", "http.route=/orders/{id}", "request=\"GET /orders/7\"", "  handled\n",
	} {
		if !strings.Contains(text, part) {
			t.Errorf("tree lacks %q:\n%s", part, text)
		}
	}
}

func span(trace, id, parent, service, name string, ts int64) Span {
	return Span{TraceID: trace, ID: id, ParentID: parent, Name: name, Timestamp: ts, Duration: 10, LocalEndpoint: &Endpoint{ServiceName: service}}
}

// TestTreeShapes: shared client/server halves, a lost parent, a span
// reported twice, and the order of traces.
func TestTreeShapes(t *testing.T) {
	server := span("t1", "b", "a", "api", "get", 3)
	server.Shared = true
	spans := []Span{
		span("t2", "x", "", "edge", "later trace", 100),
		span("t1", "c", "b", "api", "db", 4), // a child of the server half
		server,
		span("t1", "b", "a", "edge", "call", 2),
		span("t1", "a", "", "edge", "visit", 1),
		span("t1", "a", "", "edge", "visit", 1),        // reported twice
		span("t1", "z", "lost", "worker", "orphan", 5), // its parent never arrived
		span("t0", "r", "", "edge", "earlier trace", 0),
	}
	traces := Group(spans, "t2")
	var ids []string
	for _, tr := range traces {
		ids = append(ids, tr.ID)
	}
	if strings.Join(ids, ",") != "t2,t0,t1" {
		t.Errorf("trace order %v, want t2 (asked for) then t0, t1 by start", ids)
	}
	text := Format(traces[2])
	want := []string{"0 edge visit", "1 edge call", "2 api get", "3 api db", "0 worker orphan"}
	if got := outline(text); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s\nfrom:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), text)
	}
	for _, part := range []string{"not whole: 2 roots", "(parent lost not collected)", "(shared)"} {
		if !strings.Contains(text, part) {
			t.Errorf("tree lacks %q:\n%s", part, text)
		}
	}
}

func TestCollectorRejects(t *testing.T) {
	var c Collector
	srv := httptest.NewServer(&c)
	defer srv.Close()
	post := func(contentType, encoding string, body []byte) int {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v2/spans", bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if encoding != "" {
			req.Header.Set("Content-Encoding", encoding)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`[{"traceId":"t","id":"a","name":"zipped"}]`))
	zw.Close()
	cases := []struct {
		contentType, encoding string
		body                  []byte
		want                  int
	}{
		{"application/json", "", []byte(`[{"traceId":"t","id":"b","name":"plain"}]`), 202},
		{"application/json", "gzip", gz.Bytes(), 202},
		{"application/x-protobuf", "", []byte{0x0a}, 415},
		{"application/json", "", []byte(`{not json`), 400},
		{"application/json", "gzip", []byte("not gzip"), 400},
	}
	for _, tc := range cases {
		if got := post(tc.contentType, tc.encoding, tc.body); got != tc.want {
			t.Errorf("POST %s %s %q: %d, want %d", tc.contentType, tc.encoding, tc.body, got, tc.want)
		}
	}
	if resp, err := http.Get(srv.URL + "/api/v2/spans"); err != nil || resp.StatusCode != 405 {
		t.Errorf("GET: %v %v, want 405", resp, err)
	}
	if got := c.Spans(); len(got) != 2 || got[0].Name != "plain" || got[1].Name != "zipped" {
		t.Errorf("kept %+v, want the plain and the zipped span", got)
	}
}
