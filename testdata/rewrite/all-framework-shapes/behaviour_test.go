package allframeworkshapes

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

type echoContext struct{ r *http.Request }

func (c *echoContext) Request() *http.Request     { return c.r }
func (c *echoContext) SetRequest(r *http.Request) { c.r = r }

type stream struct {
	ctx   context.Context
	calls int
}

func (s *stream) Context() context.Context { s.calls++; return s.ctx }
func (s *stream) Recv() (string, error)    { return "m", nil }

func TestAllCallsNoNewMethod(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	GinHandler(&GinContext{Request: httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)})
	h := zipkintest.Named(t, rec, "allframeworkshapes.GinHandler")
	zipkintest.ChildOf(t, h, p)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "allframeworkshapes.Lookup"), h)

	e := &echoContext{r: httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)}
	r0 := e.r
	if err := EchoHandler(e); err != nil || e.r != r0 {
		t.Errorf("EchoHandler: %v; request replaced: %v", err, e.r != r0)
	}
	s := &stream{ctx: ctx}
	if m, err := Consume(s); m != "m" || err != nil || s.calls != 0 {
		t.Errorf("Consume = %q, %v; Context() called %d time(s), want 0", m, err, s.calls)
	}
	sent := httptest.NewRequest(http.MethodGet, "/", nil)
	resp := &http.Response{Request: sent}
	if err := Decode(resp); err != nil || resp.Request != sent {
		t.Errorf("Decode: %v; response's request replaced: %v", err, resp.Request != sent)
	}
	Retry(ctx, 1)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allframeworkshapes.Retry"), p)
	for _, sp := range rec.Spans() {
		if sp.Name == "allframeworkshapes.EchoHandler" || sp.Name == "allframeworkshapes.Consume" || sp.Name == "allframeworkshapes.Decode" {
			t.Errorf("-all traced %s through a method call", sp.Name)
		}
	}
}
