package frameworkshapes

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

type echoContext struct {
	r    *http.Request
	body string
}

func (c *echoContext) Request() *http.Request          { return c.r }
func (c *echoContext) SetRequest(r *http.Request)      { c.r = r }
func (c *echoContext) String(code int, s string) error { c.body = s; return nil }

func withB3(r *http.Request) *http.Request {
	r.Header.Set("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124")
	r.Header.Set("X-B3-SpanId", "a2fb4a1d1a96d312")
	r.Header.Set("X-B3-Sampled", "1")
	return r
}

// TestGinShape: the handler joins the span in the request's context (a
// middleware's server span), else the trace in its headers, else a new
// root; what the body starts from c.Request.Context() is its child.
func TestGinShape(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	c := &GinContext{Request: httptest.NewRequest(http.MethodGet, "/items?id=7", nil).WithContext(ctx)}
	GetItem(c)
	if c.Keys["item"] != "item-7" {
		t.Fatalf("handler result %v", c.Keys)
	}
	h := zipkintest.Named(t, rec, "frameworkshapes.GetItem")
	zipkintest.ChildOf(t, h, p)
	zipkintest.HasTag(t, h, "item.id", "7")
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"), h)

	rec.Reset()
	GetItem(&GinContext{Request: withB3(httptest.NewRequest(http.MethodGet, "/items?id=8", nil))})
	h = zipkintest.Named(t, rec, "frameworkshapes.GetItem")
	if h.TraceID.String() != "463ac35c9f6413ad48485a3953bb6124" || h.ParentID.String() != "a2fb4a1d1a96d312" {
		t.Errorf("gin handler not in the incoming trace: trace %s parent %s", h.TraceID, h.ParentID)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"), h)

	rec.Reset()
	GetItem(&GinContext{Request: httptest.NewRequest(http.MethodGet, "/items?id=9", nil)})
	h = zipkintest.Named(t, rec, "frameworkshapes.GetItem")
	zipkintest.IsRoot(t, h)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"), h)

	rec.Reset()
	hc := &GinContext{Request: httptest.NewRequest(http.MethodGet, "/?u=5", nil).WithContext(ctx)}
	r0 := hc.Request
	if got := UserID(hc, "u"); got != "item-5" || hc.Request != r0 {
		t.Errorf("UserID = %q; request replaced: %v", got, hc.Request != r0)
	}
	u := zipkintest.Named(t, rec, "frameworkshapes.UserID")
	zipkintest.ChildOf(t, u, p)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"), p)

	rec.Reset()
	Ping(&GinContext{Request: httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)})
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "frameworkshapes.Ping"), p)
}

// TestEchoShape: the same through Request() and SetRequest().
func TestEchoShape(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	c := &echoContext{r: httptest.NewRequest(http.MethodGet, "/users?id=3", nil).WithContext(ctx)}
	if err := GetUser(c); err != nil || c.body != "item-3" {
		t.Fatalf("GetUser: %v, body %q", err, c.body)
	}
	h := zipkintest.Named(t, rec, "frameworkshapes.GetUser")
	zipkintest.ChildOf(t, h, p)
	if h.Kind != zipkin.Server {
		t.Errorf("kind %v", h.Kind)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"), h)

	rec.Reset()
	if err := GetUser(&echoContext{r: withB3(httptest.NewRequest(http.MethodGet, "/users?id=4", nil))}); err != nil {
		t.Fatal(err)
	}
	h = zipkintest.Named(t, rec, "frameworkshapes.GetUser")
	if h.TraceID.String() != "463ac35c9f6413ad48485a3953bb6124" || h.ParentID.String() != "a2fb4a1d1a96d312" {
		t.Errorf("echo handler not in the incoming trace: trace %s parent %s", h.TraceID, h.ParentID)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"), h)
}

// TestGinContextItselfHidesTheSpan documents what the README says: gin's
// context, used as a context.Context, consults the request's context only
// with ContextWithFallback, so a callee given c itself starts a new trace.
func TestGinContextItselfHidesTheSpan(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	c := &GinContext{Request: httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)}
	var fromC context.Context = c
	Lookup(fromC, "x")
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "frameworkshapes.Lookup"))
}
