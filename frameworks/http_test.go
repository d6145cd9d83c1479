package frameworks_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/frameworks/chisvc"
	"github.com/zipkingen/zipkingen/frameworks/echosvc"
	"github.com/zipkingen/zipkingen/frameworks/ginsvc"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// get sends one request to srv over loopback; with a parent context, the
// trace goes along in B3 headers as a traced client would send it.
func get(t *testing.T, srv *httptest.Server, ctx context.Context, path string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ctx != nil {
		zipkin.InjectHeader(ctx, req.Header)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// oneTrace checks that every recorded span is in the trace of s.
func oneTrace(t *testing.T, rec *zipkin.Recorder, s zipkin.RecordedSpan) {
	t.Helper()
	for _, x := range rec.Spans() {
		if x.TraceID != s.TraceID {
			t.Errorf("span %q in trace %s, want one trace %s per request", x.Name, x.TraceID, s.TraceID)
		}
	}
}

// serve starts h on 127.0.0.1.
func serve(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// handlerShape checks one request through a middleware-wrapped service:
// the middleware's server span is a child of the incoming trace, the
// handler a child of the server span, store.Get a child of the handler.
func handlerShape(t *testing.T, h http.Handler, path, serverName, handler, want string) {
	rec := zipkintest.Record(t)
	srv := serve(t, h)
	ctx, p := zipkintest.Parent(t)
	if got := get(t, srv, ctx, path); got != want {
		t.Fatalf("GET %s = %q, want %q", path, got, want)
	}
	server := zipkintest.Await(t, rec, serverName)
	zipkintest.ChildOf(t, server, p)
	if server.Kind != zipkin.Server {
		t.Errorf("middleware span kind %v", server.Kind)
	}
	hs := zipkintest.Named(t, rec, handler)
	zipkintest.ChildOfSpan(t, hs, server)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "store.Get"), hs)
	oneTrace(t, rec, server)
	first := server.TraceID

	// A second request without headers is a trace of its own.
	rec.Reset()
	get(t, srv, nil, path)
	server = zipkintest.Await(t, rec, serverName)
	zipkintest.IsRoot(t, server)
	if server.TraceID == first {
		t.Error("two requests share a trace")
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, handler), server)
	oneTrace(t, rec, server)
}

func TestGin(t *testing.T) {
	handlerShape(t, ginsvc.New(), "/items/7", "GET", "ginsvc.API.getItem", "item-7")
}

// TestGinHandlerChain: two traced literals registered for one route, each
// with its directive; the second runs inside the first's c.Next(), so it
// is the first's child.
func TestGinHandlerChain(t *testing.T) {
	rec := zipkintest.Record(t)
	srv := serve(t, ginsvc.New())
	ctx, p := zipkintest.Parent(t)
	if got := get(t, srv, ctx, "/pair"); got != "item-2" {
		t.Fatalf("GET /pair = %q", got)
	}
	server := zipkintest.Await(t, rec, "GET")
	zipkintest.ChildOf(t, server, p)
	first := zipkintest.Named(t, rec, "pair.first")
	zipkintest.ChildOfSpan(t, first, server)
	second := zipkintest.Named(t, rec, "pair.second")
	zipkintest.ChildOfSpan(t, second, first)
	for _, s := range rec.Spans() {
		if s.Name != "store.Get" {
			continue
		}
		switch s.Tags["item.id"] {
		case "1":
			zipkintest.ChildOfSpan(t, s, first)
		case "2":
			zipkintest.ChildOfSpan(t, s, second)
		}
	}
	oneTrace(t, rec, server)
}

func TestEcho(t *testing.T) {
	handlerShape(t, echosvc.New(), "/users/3", "GET", "echosvc.getUser", "item-3")
}

func TestChi(t *testing.T) {
	handlerShape(t, chisvc.New(), "/orders/5", "GET /orders/{id}", "chisvc.getOrder", "item-5")
}

// TestWithoutMiddleware: a gin handler with no middleware in front joins
// the trace in the request's headers itself.
func TestGinWithoutMiddleware(t *testing.T) {
	rec := zipkintest.Record(t)
	srv := serve(t, ginsvc.Engine())
	ctx, p := zipkintest.Parent(t)
	get(t, srv, ctx, "/items/8")
	h := zipkintest.Await(t, rec, "ginsvc.API.getItem")
	zipkintest.ChildOf(t, h, p)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "store.Get"), h)
}

// TestGinContextAsContext: passing gin's c itself as the context carries
// the handler's span only with ContextWithFallback (README).
func TestGinContextAsContext(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		rec := zipkintest.Record(t)
		e := ginsvc.Engine()
		if fallback {
			e = ginsvc.FallbackEngine()
		}
		srv := serve(t, e)
		ctx, p := zipkintest.Parent(t)
		if got := get(t, srv, ctx, "/raw/6"); got != "item-6" {
			t.Fatalf("GET /raw/6 = %q", got)
		}
		h := zipkintest.Await(t, rec, "ginsvc.API.getRaw")
		zipkintest.ChildOf(t, h, p)
		s := zipkintest.Named(t, rec, "store.Get")
		if fallback {
			zipkintest.ChildOfSpan(t, s, h)
		} else {
			zipkintest.IsRoot(t, s)
		}
	}
}
