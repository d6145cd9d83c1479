package zipkinhttp

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// newTracer returns a tracer recording into a new Recorder, injecting the
// formats named as in ZIPKIN_PROPAGATION ("" for the default).
func newTracer(t *testing.T, service, propagation string) (*zipkin.Tracer, *zipkin.Recorder) {
	t.Helper()
	o, err := zipkin.OptionsFromEnv(func(key string) string {
		if key == "ZIPKIN_PROPAGATION" {
			return propagation
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := zipkin.NewRecorder()
	o.ServiceName, o.Reporter = service, rec
	tr, err := zipkin.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return tr, rec
}

func oneSpan(t *testing.T, rec *zipkin.Recorder) zipkin.RecordedSpan {
	t.Helper()
	spans := rec.Spans()
	if len(spans) != 1 {
		t.Fatalf("recorded %d spans, want 1: %+v", len(spans), spans)
	}
	return spans[0]
}

func itemsMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.PathValue("id"))
	})
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusBadGateway)
	})
	return mux
}

func TestMiddlewareNamesSpanFromRoute(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	h := Middleware(itemsMux(), ServerOptions{Tracer: tr})
	r := httptest.NewRequest("GET", "/items/42?secret=x", nil)
	r.RemoteAddr = "[::ffff:10.1.2.3]:5555"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Body.String() != "42" {
		t.Fatalf("handler answered %q", w.Body.String())
	}
	s := oneSpan(t, rec)
	if s.Name != "GET /items/{id}" || s.Kind != zipkin.Server {
		t.Errorf("span %q kind %v, want GET /items/{id} SERVER", s.Name, s.Kind)
	}
	want := map[string]string{"http.method": "GET", "http.path": "/items/42", "http.route": "/items/{id}", "http.status_code": "200"}
	if !sameTags(s.Tags, want) {
		t.Errorf("tags %v, want %v", s.Tags, want)
	}
	if got := s.RemoteEndpoint; got.Addr.String() != "10.1.2.3" || got.Port != 5555 {
		t.Errorf("remote endpoint %+v, want 10.1.2.3:5555", got)
	}
}

// waitSpans waits for n spans: a server ends its span after the client may
// already have read the response.
func waitSpans(t *testing.T, rec *zipkin.Recorder, n int) []zipkin.RecordedSpan {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		spans := rec.Spans()
		if len(spans) >= n || time.Now().After(deadline) {
			if len(spans) != n {
				t.Fatalf("recorded %d spans, want %d", len(spans), n)
			}
			return spans
		}
		time.Sleep(time.Millisecond)
	}
}

func sameTags(got, want map[string]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func TestMiddlewareUnroutedAndErrors(t *testing.T) {
	cases := []struct {
		path, name, status, errTag, route string
	}{
		{"/nowhere/7", "GET", "404", "", ""}, // never the raw path
		{"/fail", "GET /fail", "502", "502", "/fail"},
	}
	for _, tc := range cases {
		tr, rec := newTracer(t, "svc", "")
		Middleware(itemsMux(), ServerOptions{Tracer: tr}).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", tc.path, nil))
		s := oneSpan(t, rec)
		if s.Name != tc.name || s.Tags["http.status_code"] != tc.status || s.Tags["error"] != tc.errTag || s.Tags["http.route"] != tc.route {
			t.Errorf("%s: span %q tags %v; want name %q status %s error %q route %q", tc.path, s.Name, s.Tags, tc.name, tc.status, tc.errTag, tc.route)
		}
	}
}

func TestMiddlewareRecordsAndRepanics(t *testing.T) {
	for _, value := range []any{"kaboom", http.ErrAbortHandler} {
		tr, rec := newTracer(t, "svc", "")
		h := Middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(value) }), ServerOptions{Tracer: tr})
		got := func() (p any) {
			defer func() { p = recover() }()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
			return nil
		}()
		if got != value {
			t.Fatalf("re-panicked with %v, want %v", got, value)
		}
		s := oneSpan(t, rec)
		if s.Tags["error"] != panicMessage(value) || s.Tags["http.status_code"] != "" {
			t.Errorf("tags %v after panic(%v)", s.Tags, value)
		}
	}
}

func TestMiddlewareJoinsIncomingTrace(t *testing.T) {
	const traceID, spanID = "463ac35c9f6413ad48485a3953bb6124", "a2fb4a1d1a96d312"
	for _, untrusted := range []bool{false, true} {
		tr, rec := newTracer(t, "svc", "")
		var inHandler zipkin.SpanContext
		h := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			inHandler, _ = zipkin.SpanContextFromContext(r.Context())
		}), ServerOptions{Tracer: tr, UntrustedEdge: untrusted})
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-B3-TraceId", traceID)
		r.Header.Set("X-B3-SpanId", spanID)
		r.Header.Set("X-B3-Flags", "1")
		h.ServeHTTP(httptest.NewRecorder(), r)
		s := oneSpan(t, rec)
		if inHandler.ID != s.ID {
			t.Errorf("the handler's context holds span %v, want %v", inHandler.ID, s.ID)
		}
		joined := s.TraceID.String() == traceID && s.ParentID.String() == spanID && s.Debug
		if joined == untrusted {
			t.Errorf("UntrustedEdge=%v: span trace %v parent %v debug %v", untrusted, s.TraceID, s.ParentID, s.Debug)
		}
	}
}

func TestMiddlewareSkips(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	h := Middleware(itemsMux(), ServerOptions{
		Tracer:    tr,
		SkipPaths: []string{"/healthz", "/static/"},
		Skip:      func(r *http.Request) bool { return r.Header.Get("X-Probe") != "" },
	})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz", nil))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/static/css/site.css", nil))
	probe := httptest.NewRequest("GET", "/items/1", nil)
	probe.Header.Set("X-Probe", "1")
	h.ServeHTTP(httptest.NewRecorder(), probe)
	if n := len(rec.Spans()); n != 0 {
		t.Fatalf("skipped requests recorded %d spans", n)
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz/deep", nil)) // exact entries are not prefixes
	if n := len(rec.Spans()); n != 1 {
		t.Fatalf("/healthz/deep recorded %d spans, want 1", n)
	}
}

func TestMiddlewareInjectsResponseHeaders(t *testing.T) {
	tr, rec := newTracer(t, "svc", "b3,w3c")
	h := Middleware(itemsMux(), ServerOptions{Tracer: tr, InjectResponseHeaders: true})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/items/1", nil))
	s := oneSpan(t, rec)
	sc, ok := zipkin.ExtractHeader(w.Header())
	if !ok || sc.TraceID != s.TraceID || sc.ID != s.ID || w.Header().Get("traceparent") == "" {
		t.Errorf("response headers %v do not name span %v/%v", w.Header(), s.TraceID, s.ID)
	}
}

func TestMiddlewareSpanNameOption(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	h := Middleware(itemsMux(), ServerOptions{Tracer: tr, SpanName: func(r *http.Request) string { return "items:" + r.PathValue("id") }})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/9", nil))
	if s := oneSpan(t, rec); s.Name != "items:9" {
		t.Errorf("span name %q, want the option's items:9", s.Name)
	}
}

func TestMiddlewareDisabledTracerPassesThrough(t *testing.T) {
	disabled, _ := zipkin.New(zipkin.Options{})
	var sawSpan bool
	h := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, sawSpan = w.(*responseWriter)
	}), ServerOptions{Tracer: disabled})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if sawSpan {
		t.Error("a disabled tracer still wrapped the response writer")
	}
}

// TestWriterKeepsCapabilities serves over a real connection and checks
// that handlers behind the middleware can still flush, hijack, set
// deadlines through http.ResponseController, and sendfile via ReadFrom.
func TestWriterKeepsCapabilities(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	mux := http.NewServeMux()
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Minute)); err != nil {
			t.Errorf("SetWriteDeadline: %v", err)
		}
		io.WriteString(w, "first\n")
		w.(http.Flusher).Flush()
		if _, err := w.(io.ReaderFrom).ReadFrom(strings.NewReader("second\n")); err != nil {
			t.Errorf("ReadFrom: %v", err)
		}
	})
	mux.HandleFunc("/hijack", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("Hijack: %v", err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nhijacked")
		buf.Flush()
	})
	mux.HandleFunc("/push", func(w http.ResponseWriter, r *http.Request) {
		if err := w.(http.Pusher).Push("/x", nil); !errors.Is(err, http.ErrNotSupported) {
			t.Errorf("Push over HTTP/1.1: %v, want ErrNotSupported", err)
		}
	})
	srv := httptest.NewServer(Middleware(mux, ServerOptions{Tracer: tr}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := bufio.NewReader(resp.Body).ReadString(0)
	resp.Body.Close()
	if first != "first\nsecond\n" || len(resp.TransferEncoding) == 0 {
		t.Errorf("stream body %q, transfer encoding %v: want both parts, chunked by the flush", first, resp.TransferEncoding)
	}
	resp, err = http.Get(srv.URL + "/hijack")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "hijacked" {
		t.Errorf("hijacked body %q", body)
	}
	resp, err = http.Get(srv.URL + "/push")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	status := map[string]string{}
	for _, s := range waitSpans(t, rec, 3) {
		status[s.Tags["http.path"]] = s.Tags["http.status_code"]
	}
	want := map[string]string{"/stream": "200", "/hijack": "", "/push": "200"}
	if !sameTags(status, want) {
		t.Errorf("status tags by path %v, want %v (none after a hijack)", status, want)
	}
}

func TestWriterStatus(t *testing.T) {
	cases := []struct {
		name  string
		write func(w http.ResponseWriter)
		want  int
	}{
		{"nothing written", func(http.ResponseWriter) {}, 200},
		{"body only", func(w http.ResponseWriter) { io.WriteString(w, "x") }, 200},
		{"string body, then a status", func(w http.ResponseWriter) { io.WriteString(w, "x"); w.WriteHeader(500) }, 200},
		{"byte body, then a status", func(w http.ResponseWriter) { w.Write([]byte("x")); w.WriteHeader(500) }, 200},
		{"explicit", func(w http.ResponseWriter) { w.WriteHeader(201); w.WriteHeader(500) }, 201},
		{"early hints then final", func(w http.ResponseWriter) { w.WriteHeader(103); w.WriteHeader(204) }, 204},
		{"flush first", func(w http.ResponseWriter) { w.(http.Flusher).Flush(); w.WriteHeader(500) }, 200},
	}
	for _, tc := range cases {
		rw := &responseWriter{w: httptest.NewRecorder()}
		tc.write(rw)
		if got := rw.statusCode(); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
}

// stringSink is a ResponseWriter that, like net/http's, has WriteString,
// and records which of its write methods was called.
type stringSink struct {
	nopWriter
	strings, writes int
}

func (s *stringSink) WriteString(str string) (int, error) { s.strings++; return len(str), nil }
func (s *stringSink) Write(b []byte) (int, error)         { s.writes++; return len(b), nil }

// TestWriterPassesStringsThrough: io.WriteString on the wrapper (what
// handlers writing a string do) reaches the underlying WriteString, so no
// []byte copy of the body is allocated on the sampled path.
func TestWriterPassesStringsThrough(t *testing.T) {
	sink := &stringSink{nopWriter: nopWriter{h: http.Header{}}}
	rw := &responseWriter{w: sink}
	body := strings.Repeat("x", 512)
	allocs := testing.AllocsPerRun(100, func() {
		if n, err := io.WriteString(rw, body); n != len(body) || err != nil {
			t.Fatalf("WriteString = %d, %v", n, err)
		}
	})
	if sink.strings == 0 || sink.writes != 0 {
		t.Errorf("underlying WriteString called %d times, Write %d times: want only WriteString", sink.strings, sink.writes)
	}
	if allocs != 0 {
		t.Errorf("io.WriteString through the wrapper allocates %.0f times, want 0", allocs)
	}
	if got := rw.statusCode(); got != http.StatusOK {
		t.Errorf("status %d after a string body, want 200", got)
	}
}

// TestMiddlewareKeepsHandlerName: a handler that names the server span
// itself, as Middleware's documentation offers, keeps that name; the
// route pattern names only spans nobody renamed.
func TestMiddlewareKeepsHandlerName(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		zipkin.SpanFromContext(r.Context()).SetName("items.lookup")
	})
	for _, opts := range []ServerOptions{{Tracer: tr}, {Tracer: tr, SpanName: func(*http.Request) string { return "option" }}} {
		Middleware(mux, opts).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/9", nil))
	}
	for _, s := range waitSpans(t, rec, 2) {
		if s.Name != "items.lookup" || s.Tags["http.route"] != "/items/{id}" {
			t.Errorf("span %q route %q, want the handler's name items.lookup and route /items/{id}", s.Name, s.Tags["http.route"])
		}
	}
}

// routeKey holds, in a request's context, where a router that is not a
// ServeMux (as chi does) writes the route it matched.
type routeKey struct{}

// TestMiddlewareRouteOption: a router that keeps its route in the request
// context, with Middleware inside it (what chi's r.Use does), names spans
// through ServerOptions.Route; SpanName sees that route as r.Pattern.
func TestMiddlewareRouteOption(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	route := func(r *http.Request) string { return *r.Context().Value(routeKey{}).(*string) }
	var patterns []string
	for _, o := range []ServerOptions{
		{Tracer: tr, Route: route},
		{Tracer: tr, Route: route, SpanName: func(r *http.Request) string { patterns = append(patterns, r.Pattern); return "named" }},
	} {
		inner := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			*r.Context().Value(routeKey{}).(*string) = "/items/{itemID}" // routed after the middleware ran
		}), o)
		router := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			inner.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), routeKey{}, new(string))))
		})
		router.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/3", nil))
	}
	spans := waitSpans(t, rec, 2)
	if spans[0].Name != "GET /items/{itemID}" || spans[0].Tags["http.route"] != "/items/{itemID}" {
		t.Errorf("span %q route %q, want GET /items/{itemID} from the Route option", spans[0].Name, spans[0].Tags["http.route"])
	}
	if spans[1].Name != "named" || len(patterns) != 1 || patterns[0] != "GET /items/{itemID}" {
		t.Errorf("span %q, SpanName saw patterns %q: want named, from GET /items/{itemID}", spans[1].Name, patterns)
	}
}

// TestMiddlewareNamesByRequestMethod: a HEAD request that a "GET" pattern
// serves is named by its own method, as every router adapter names spans.
func TestMiddlewareNamesByRequestMethod(t *testing.T) {
	tr, rec := newTracer(t, "svc", "")
	Middleware(itemsMux(), ServerOptions{Tracer: tr}).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("HEAD", "/items/1", nil))
	if s := oneSpan(t, rec); s.Name != "HEAD /items/{id}" || s.Tags["http.route"] != "/items/{id}" {
		t.Errorf("span %q route %q, want HEAD /items/{id}", s.Name, s.Tags["http.route"])
	}
}
