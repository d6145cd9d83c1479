package chitest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

const (
	inTraceID = "463ac35c9f6413ad48485a3953bb6124"
	inSpanID  = "a2fb4a1d1a96d312"
)

// traced is zipkinhttp.Middleware in the shape r.Use takes.
func traced(o zipkinhttp.ServerOptions) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return zipkinhttp.Middleware(next, o) }
}

// routes adds the shop's routes, whose handlers call traced code with
// r.Context(), to r: a flat one and one in a subrouter.
func routes(r chi.Router) {
	r.Get("/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		lookup(r.Context(), chi.URLParam(r, "id"))
		io.WriteString(w, chi.URLParam(r, "id"))
	})
	r.Route("/orders", func(r chi.Router) {
		r.Get("/{orderID}/lines/{line}", func(w http.ResponseWriter, r *http.Request) {})
		r.Post("/", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "db down", http.StatusServiceUnavailable) })
	})
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {})
	r.Get("/panic", func(w http.ResponseWriter, r *http.Request) { panic("kaboom") })
}

// lookup stands for the traced code a handler calls.
func lookup(ctx context.Context, id string) {
	_, span := zipkin.Start(ctx, "store.lookup")
	span.Tag("id", id)
	span.End(nil)
}

func serve(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	r.RemoteAddr = "10.1.2.3:5555"
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
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

// TestInsideTheRouter: registered with r.Use, the middleware sees the
// request that chi routes, whose Pattern chi sets (chi v5.3 and later).
func TestInsideTheRouter(t *testing.T) {
	rec := zipkintest.Record(t)
	r := chi.NewRouter()
	r.Use(middleware.Recoverer, traced(zipkinhttp.ServerOptions{}))
	routes(r)
	w := serve(r, "GET", "/items/42", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Sampled", "1")
	if w.Code != 200 || w.Body.String() != "42" {
		t.Fatalf("answered %d %q", w.Code, w.Body.String())
	}
	s := zipkintest.Named(t, rec, "GET /items/{id}")
	want := map[string]string{"http.method": "GET", "http.path": "/items/42", "http.route": "/items/{id}", "http.status_code": "200"}
	if !sameTags(s.Tags, want) || s.Kind != zipkin.Server {
		t.Errorf("span kind %v tags %v, want SERVER %v", s.Kind, s.Tags, want)
	}
	if s.TraceID.String() != inTraceID || s.ParentID.String() != inSpanID {
		t.Errorf("server span in trace %v under %v, want %s under %s", s.TraceID, s.ParentID, inTraceID, inSpanID)
	}
	if callee := zipkintest.Named(t, rec, "store.lookup"); callee.ParentID != s.ID || callee.TraceID != s.TraceID {
		t.Errorf("callee under %v, want the server span %v", callee.ParentID, s.ID)
	}

	cases := []struct {
		method, path, name, route, status, errTag string
	}{
		{"GET", "/orders/7/lines/2", "GET /orders/{orderID}/lines/{line}", "/orders/{orderID}/lines/{line}", "200", ""}, // a subrouter
		{"POST", "/orders/", "POST /orders", "/orders", "503", "503"},
		{"GET", "/nowhere/7", "GET", "", "404", ""}, // never the raw path
		{"GET", "/panic", "GET /panic", "/panic", "", "kaboom"},
	}
	for _, tc := range cases {
		rec := zipkintest.Record(t)
		serve(r, tc.method, tc.path)
		s := zipkintest.Named(t, rec, tc.name)
		if s.Tags["http.route"] != tc.route || s.Tags["http.status_code"] != tc.status || s.Tags["error"] != tc.errTag {
			t.Errorf("%s %s: tags %v, want route %q status %q error %q", tc.method, tc.path, s.Tags, tc.route, tc.status, tc.errTag)
		}
	}
}

// TestOutsideTheRouter shows why the middleware goes inside: chi routes a
// copy of the request it was given, so a middleware wrapped around the
// router never sees the pattern, and names spans by the method alone.
func TestOutsideTheRouter(t *testing.T) {
	rec := zipkintest.Record(t)
	r := chi.NewRouter()
	routes(r)
	serve(zipkinhttp.Middleware(r, zipkinhttp.ServerOptions{}), "GET", "/items/42")
	if s := zipkintest.Named(t, rec, "GET"); s.Tags["http.route"] != "" {
		t.Errorf("route %q seen from outside the router", s.Tags["http.route"])
	}
}

// TestRouteOption: a middleware after this one that replaces the request
// (chi's RequestID does) hides r.Pattern; ServerOptions.Route reading chi's
// route context names the span whatever the order, and with chi versions
// before v5.3, which do not set r.Pattern.
func TestRouteOption(t *testing.T) {
	chiRoute := func(r *http.Request) string { return chi.RouteContext(r.Context()).RoutePattern() }
	for _, tc := range []struct {
		o    zipkinhttp.ServerOptions
		name string
	}{
		{zipkinhttp.ServerOptions{}, "GET"},
		{zipkinhttp.ServerOptions{Route: chiRoute}, "GET /orders/{orderID}/lines/{line}"},
	} {
		rec := zipkintest.Record(t)
		r := chi.NewRouter()
		r.Use(traced(tc.o), middleware.RequestID)
		routes(r)
		serve(r, "GET", "/orders/7/lines/2")
		zipkintest.Named(t, rec, tc.name)
	}
}

func TestSkips(t *testing.T) {
	rec := zipkintest.Record(t)
	r := chi.NewRouter()
	r.Use(traced(zipkinhttp.ServerOptions{SkipPaths: []string{"/healthz"}}))
	routes(r)
	serve(r, "GET", "/healthz")
	if n := len(rec.Spans()); n != 0 {
		t.Fatalf("a skipped path recorded %d spans", n)
	}
}
