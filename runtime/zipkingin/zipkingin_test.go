package zipkingin_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

const (
	inTraceID = "463ac35c9f6413ad48485a3953bb6124"
	inSpanID  = "a2fb4a1d1a96d312"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// shop is a gin engine as users write them: Recovery outside, the
// middleware, then routes whose handlers call traced code with
// c.Request.Context().
func shop(o zipkinhttp.ServerOptions) *gin.Engine {
	e := gin.New()
	e.Use(gin.RecoveryWithWriter(io.Discard), zipkingin.Middleware(o))
	e.GET("/items/:id", func(c *gin.Context) {
		lookup(c.Request.Context(), c.Param("id"))
		c.String(http.StatusOK, c.Param("id"))
	})
	e.GET("/healthz", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	e.GET("/db", func(c *gin.Context) { _ = c.AbortWithError(http.StatusInternalServerError, errors.New("db down")) })
	e.GET("/busy", func(c *gin.Context) { c.Status(http.StatusServiceUnavailable) })
	e.GET("/gone", func(c *gin.Context) { _ = c.AbortWithError(http.StatusGone, errors.New("sold out")) })
	e.GET("/panic", func(c *gin.Context) { panic("kaboom") })
	e.GET("/renamed/:id", func(c *gin.Context) { zipkin.SpanFromContext(c.Request.Context()).SetName("items.special") })
	return e
}

// lookup stands for the traced code a handler calls.
func lookup(ctx context.Context, id string) {
	_, span := zipkin.Start(ctx, "store.lookup")
	span.Tag("id", id)
	span.End(nil)
}

func serve(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", target, nil)
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
	w := serve(shop(zipkinhttp.ServerOptions{}), "/items/42?secret=x", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Sampled", "1")
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
		path, name, route, status, errTag string
		code                              int
	}{
		{"/nowhere/7", "GET", "", "404", "", 404}, // never the raw path
		{"/db", "GET /db", "/db", "500", "db down", 500},
		{"/busy", "GET /busy", "/busy", "503", "503", 503},
		{"/gone", "GET /gone", "/gone", "410", "", 410},
		{"/panic", "GET /panic", "/panic", "", "kaboom", 500}, // Recovery answers 500 after the span ended
	}
	for _, tc := range cases {
		rec := zipkintest.Record(t)
		w := serve(shop(zipkinhttp.ServerOptions{}), tc.path)
		if w.Code != tc.code {
			t.Errorf("%s answered %d, want %d", tc.path, w.Code, tc.code)
		}
		s := zipkintest.Named(t, rec, tc.name)
		if s.Tags["http.route"] != tc.route || s.Tags["http.status_code"] != tc.status || s.Tags["error"] != tc.errTag {
			t.Errorf("%s: tags %v, want route %q status %q error %q", tc.path, s.Tags, tc.route, tc.status, tc.errTag)
		}
	}
}

// TestPanicWithoutRecovery: the panic leaves the middleware as it came in,
// after the span recorded it.
func TestPanicWithoutRecovery(t *testing.T) {
	rec := zipkintest.Record(t)
	e := gin.New()
	e.Use(zipkingin.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/panic", func(c *gin.Context) { panic(http.ErrAbortHandler) })
	got := func() (p any) {
		defer func() { p = recover() }()
		serve(e, "/panic")
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
	serve(shop(zipkinhttp.ServerOptions{}), "/renamed/1")
	if s := zipkintest.Named(t, rec, "items.special"); s.Tags["http.route"] != "/renamed/:id" {
		t.Errorf("renamed span's route %q", s.Tags["http.route"])
	}
}

func TestSpanNameOptionSeesRoute(t *testing.T) {
	rec := zipkintest.Record(t)
	serve(shop(zipkinhttp.ServerOptions{SpanName: func(r *http.Request) string { return "route " + r.Pattern }}), "/items/9")
	zipkintest.Named(t, rec, "route GET /items/:id")
}

func TestSkips(t *testing.T) {
	rec := zipkintest.Record(t)
	h := shop(zipkinhttp.ServerOptions{
		SkipPaths: []string{"/healthz", "/static/"},
		Skip:      func(r *http.Request) bool { return r.Header.Get("X-Probe") != "" },
	})
	serve(h, "/healthz")
	serve(h, "/static/site.css")
	serve(h, "/items/1", "X-Probe", "1")
	for _, s := range rec.Spans() {
		if s.Kind == zipkin.Server {
			t.Fatalf("skipped requests recorded server spans: %v", names(rec))
		}
	}
	serve(h, "/items/1")
	zipkintest.Named(t, rec, "GET /items/:id")
}

func TestUntrustedEdgeAndResponseHeaders(t *testing.T) {
	rec := zipkintest.Record(t)
	h := shop(zipkinhttp.ServerOptions{UntrustedEdge: true, InjectResponseHeaders: true})
	w := serve(h, "/items/1", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Flags", "1")
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
// decision reaches the handler's callees through c.Request.
func TestUnsampledPropagates(t *testing.T) {
	rec := zipkintest.Record(t)
	var sc zipkin.SpanContext
	e := gin.New()
	e.Use(zipkingin.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/x", func(c *gin.Context) { sc, _ = zipkin.SpanContextFromContext(c.Request.Context()) })
	serve(e, "/x", "X-B3-TraceId", inTraceID, "X-B3-SpanId", inSpanID, "X-B3-Sampled", "0")
	if n := len(rec.Spans()); n != 0 {
		t.Errorf("an unsampled request recorded %v", names(rec))
	}
	if sc.TraceID.String() != inTraceID || sc.Sampling != zipkin.Deny {
		t.Errorf("the handler's context holds %+v, want trace %s, not sampled", sc, inTraceID)
	}
}

// TestGinContextWithFallback: with ContextWithFallback, the *gin.Context
// itself carries the server span to the code it is passed to.
func TestGinContextWithFallback(t *testing.T) {
	rec := zipkintest.Record(t)
	e := gin.New()
	e.ContextWithFallback = true
	e.Use(zipkingin.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/items/:id", func(c *gin.Context) { lookup(c, c.Param("id")) })
	serve(e, "/items/5")
	server, callee := zipkintest.Named(t, rec, "GET /items/:id"), zipkintest.Named(t, rec, "store.lookup")
	if callee.ParentID != server.ID || callee.TraceID != server.TraceID {
		t.Errorf("callee started from *gin.Context is under %v, want the server span %v", callee.ParentID, server.ID)
	}
}

// TestOverLoopback serves a real engine on 127.0.0.1 and calls it through
// the traced client: client span -> server span -> handler's callee.
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
	if strings.TrimSpace(string(body)) != "7" {
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
