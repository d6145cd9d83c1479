package zipkinecho_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinecho"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

const (
	inTraceID = "463ac35c9f6413ad48485a3953bb6124"
	inSpanID  = "a2fb4a1d1a96d312"
)

// shop is an echo server as users write them: Recover outside, the
// middleware, then routes whose handlers call traced code with
// c.Request().Context().
func shop(o zipkinhttp.ServerOptions) *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisablePrintStack: true}), zipkinecho.Middleware(o))
	e.GET("/items/:id", func(c echo.Context) error {
		lookup(c.Request().Context(), c.Param("id"))
		return c.String(http.StatusOK, c.Param("id"))
	})
	e.GET("/healthz", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	e.GET("/db", func(c echo.Context) error { return errors.New("db down") })
	e.GET("/busy", func(c echo.Context) error { return c.NoContent(http.StatusServiceUnavailable) })
	e.GET("/gone", func(c echo.Context) error { return echo.NewHTTPError(http.StatusGone, "sold out") })
	e.GET("/panic", func(c echo.Context) error { panic("kaboom") })
	e.GET("/renamed/:id", func(c echo.Context) error {
		zipkin.SpanFromContext(c.Request().Context()).SetName("items.special")
		return nil
	})
	return e
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

func names(rec *zipkin.Recorder) []string {
	var out []string
	for _, s := range rec.Spans() {
		out = append(out, s.Name)
	}
	return out
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

func TestRouteNamesTagsAndParents(t *testing.T) {
	rec := zipkintest.Record(t)
	w := serve(shop(zipkinhttp.ServerOptions{}), "GET", "/items/42?secret=x", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Sampled", "1")
	if w.Code != 200 || w.Body.String() != "42" {
		t.Fatalf("handler answered %d %q", w.Code, w.Body.String())
	}
	s := zipkintest.Named(t, rec, "GET /items/:id")
	want := map[string]string{"http.method": "GET", "http.path": "/items/42", "http.route": "/items/:id", "http.status_code": "200"}
	if !sameTags(s.Tags, want) || s.Kind != zipkin.Server {
		t.Errorf("span kind %v tags %v, want SERVER %v", s.Kind, s.Tags, want)
	}
	if s.TraceID.String() != inTraceID || s.ParentID.String() != inSpanID {
		t.Errorf("server span in trace %v under %v, want %s under %s (the B3 headers)", s.TraceID, s.ParentID, inTraceID, inSpanID)
	}
	if s.RemoteEndpoint.Addr.String() != "10.1.2.3" || s.RemoteEndpoint.Port != 5555 {
		t.Errorf("remote endpoint %+v, want 10.1.2.3:5555", s.RemoteEndpoint)
	}
	callee := zipkintest.Named(t, rec, "store.lookup")
	if callee.TraceID != s.TraceID || callee.ParentID != s.ID {
		t.Errorf("handler's callee in trace %v under %v, want a child of the server span %v", callee.TraceID, callee.ParentID, s.ID)
	}
}

func TestStatusAndErrors(t *testing.T) {
	cases := []struct {
		method, path, name, route, status, errTag string
		code                                      int
	}{
		{"GET", "/nowhere/7", "GET", "", "404", "", 404}, // never the raw path
		{"POST", "/items/7", "POST /items/:id", "/items/:id", "405", "", 405},
		{"GET", "/db", "GET /db", "/db", "500", "db down", 500},
		{"GET", "/busy", "GET /busy", "/busy", "503", "503", 503},
		{"GET", "/gone", "GET /gone", "/gone", "410", "", 410},
		{"GET", "/panic", "GET /panic", "/panic", "", "kaboom", 500}, // Recover answers 500 after the span ended
	}
	for _, tc := range cases {
		rec := zipkintest.Record(t)
		w := serve(shop(zipkinhttp.ServerOptions{}), tc.method, tc.path)
		if w.Code != tc.code {
			t.Errorf("%s %s answered %d, want %d", tc.method, tc.path, w.Code, tc.code)
		}
		s := zipkintest.Named(t, rec, tc.name)
		if s.Tags["http.route"] != tc.route || s.Tags["http.status_code"] != tc.status || s.Tags["error"] != tc.errTag {
			t.Errorf("%s %s: tags %v, want route %q status %q error %q", tc.method, tc.path, s.Tags, tc.route, tc.status, tc.errTag)
		}
	}
}

// TestErrorHandledOnce: the handler's error is returned to the middleware
// outside, and the error handler's response is written once.
func TestErrorHandledOnce(t *testing.T) {
	rec := zipkintest.Record(t)
	e := echo.New()
	var outer error
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error { outer = next(c); return outer }
	}, zipkinecho.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/db", func(c echo.Context) error { return errors.New("db down") })
	w := serve(e, "GET", "/db")
	if outer == nil || outer.Error() != "db down" || w.Code != 500 || strings.Count(w.Body.String(), "Internal Server Error") != 1 {
		t.Errorf("outer middleware saw %v; response %d %q", outer, w.Code, w.Body.String())
	}
	if s := zipkintest.Named(t, rec, "GET /db"); s.Tags["error"] != "db down" {
		t.Errorf("error tag %q", s.Tags["error"])
	}
}

// TestPanicWithoutRecover: the panic leaves the middleware as it came in,
// after the span recorded it.
func TestPanicWithoutRecover(t *testing.T) {
	rec := zipkintest.Record(t)
	e := echo.New()
	e.Use(zipkinecho.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/panic", func(c echo.Context) error { panic(http.ErrAbortHandler) })
	got := func() (p any) {
		defer func() { p = recover() }()
		serve(e, "GET", "/panic")
		return nil
	}()
	if got != http.ErrAbortHandler {
		t.Fatalf("re-panicked with %v, want http.ErrAbortHandler", got)
	}
	if s := zipkintest.Named(t, rec, "GET /panic"); s.Tags["error"] != http.ErrAbortHandler.Error() {
		t.Errorf("error tag %q", s.Tags["error"])
	}
}

func TestHandlerNameWins(t *testing.T) {
	rec := zipkintest.Record(t)
	serve(shop(zipkinhttp.ServerOptions{}), "GET", "/renamed/1")
	if s := zipkintest.Named(t, rec, "items.special"); s.Tags["http.route"] != "/renamed/:id" {
		t.Errorf("renamed span's route %q", s.Tags["http.route"])
	}
}

func TestSpanNameOptionSeesRoute(t *testing.T) {
	rec := zipkintest.Record(t)
	serve(shop(zipkinhttp.ServerOptions{SpanName: func(r *http.Request) string { return "route " + r.Pattern }}), "GET", "/items/9")
	zipkintest.Named(t, rec, "route GET /items/:id")
}

func TestSkips(t *testing.T) {
	rec := zipkintest.Record(t)
	h := shop(zipkinhttp.ServerOptions{
		SkipPaths: []string{"/healthz", "/static/"},
		Skip:      func(r *http.Request) bool { return r.Header.Get("X-Probe") != "" },
	})
	serve(h, "GET", "/healthz")
	serve(h, "GET", "/static/site.css")
	serve(h, "GET", "/items/1", "X-Probe", "1")
	for _, s := range rec.Spans() {
		if s.Kind == zipkin.Server {
			t.Fatalf("skipped requests recorded server spans: %v", names(rec))
		}
	}
	serve(h, "GET", "/items/1")
	zipkintest.Named(t, rec, "GET /items/:id")
}

func TestUntrustedEdgeAndResponseHeaders(t *testing.T) {
	rec := zipkintest.Record(t)
	h := shop(zipkinhttp.ServerOptions{UntrustedEdge: true, InjectResponseHeaders: true})
	w := serve(h, "GET", "/items/1", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Flags", "1")
	s := zipkintest.Named(t, rec, "GET /items/:id")
	if s.TraceID.String() == inTraceID || s.ParentID != 0 || s.Debug {
		t.Errorf("an untrusted edge joined the caller's trace: %v under %v, debug %v", s.TraceID, s.ParentID, s.Debug)
	}
	sc, ok := zipkin.ExtractHeader(w.Header())
	if !ok || sc.TraceID != s.TraceID || sc.ID != s.ID {
		t.Errorf("response headers %v do not name the server span %v/%v", w.Header(), s.TraceID, s.ID)
	}
}

// TestUnsampledPropagates: an unsampled request records nothing, and the
// decision reaches the handler's callees through c.Request().
func TestUnsampledPropagates(t *testing.T) {
	rec := zipkintest.Record(t)
	var sc zipkin.SpanContext
	e := echo.New()
	e.Use(zipkinecho.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/x", func(c echo.Context) error { sc, _ = zipkin.SpanContextFromContext(c.Request().Context()); return nil })
	serve(e, "GET", "/x", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Sampled", "0")
	if n := len(rec.Spans()); n != 0 {
		t.Errorf("an unsampled request recorded %v", names(rec))
	}
	if sc.TraceID.String() != inTraceID || sc.Sampling != zipkin.Deny {
		t.Errorf("the handler's context holds %+v, want trace %s, not sampled", sc, inTraceID)
	}
}

// TestOverLoopback serves a real echo server on 127.0.0.1 and calls it
// through the traced client: client span -> server span -> callee.
func TestOverLoopback(t *testing.T) {
	rec := zipkintest.Record(t)
	srv := httptest.NewServer(shop(zipkinhttp.ServerOptions{}))
	defer srv.Close()
	client := &http.Client{Transport: zipkinhttp.Transport(nil, zipkinhttp.ClientOptions{})}
	ctx, root := zipkin.Start(context.Background(), "caller")
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/items/7", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	root.End(nil)
	if string(body) != "7" {
		t.Fatalf("body %q", body)
	}
	// The server ends its span after the client read the response.
	server := zipkintest.Await(t, rec, "GET /items/:id")
	client1, callee := zipkintest.Named(t, rec, "GET"), zipkintest.Named(t, rec, "store.lookup")
	if client1.Kind != zipkin.Client || client1.ParentID != root.Context().ID || server.ParentID != client1.ID || callee.ParentID != server.ID {
		t.Errorf("parents: client %v under %v (root %v), server under %v, callee under %v (server %v)",
			client1.ID, client1.ParentID, root.Context().ID, server.ParentID, callee.ParentID, server.ID)
	}
}
