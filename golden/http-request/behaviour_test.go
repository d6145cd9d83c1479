package httprequest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestHandlerContinuesWithTheSpan(t *testing.T) {
	rec := zipkintest.Record(t)
	req := httptest.NewRequest(http.MethodGet, "/users?id=7", nil)
	req.Header.Set("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124")
	req.Header.Set("X-B3-SpanId", "a2fb4a1d1a96d312")
	req.Header.Set("X-B3-Sampled", "1")
	w := httptest.NewRecorder()
	Users{}.ServeHTTP(w, req)
	if w.Body.String() != "user-7" {
		t.Errorf("body %q", w.Body.String())
	}
	srv := zipkintest.Named(t, rec, "httprequest.Users.ServeHTTP")
	if got := srv.TraceID.String(); got != "463ac35c9f6413ad48485a3953bb6124" {
		t.Errorf("server trace %s, want the incoming one", got)
	}
	if got := srv.ParentID.String(); got != "a2fb4a1d1a96d312" {
		t.Errorf("server parent %s, want the incoming span", got)
	}
	if srv.Kind != zipkin.Server {
		t.Errorf("server kind %v", srv.Kind)
	}
	zipkintest.HasTag(t, srv, "http.path", "/users")
	lookup := zipkintest.Named(t, rec, "httprequest.Lookup")
	zipkintest.ChildOfSpan(t, lookup, srv)
	if lookup.Kind != zipkin.Client || lookup.RemoteEndpoint.ServiceName != "users" {
		t.Errorf("lookup kind %v remote %+v", lookup.Kind, lookup.RemoteEndpoint)
	}
}

func TestContextParameterWinsOverRequest(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	HandleFunc(ctx, httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	hf := zipkintest.Named(t, rec, "httprequest.HandleFunc")
	zipkintest.ChildOf(t, hf, p)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "httprequest.Lookup"), hf)

	rec.Reset()
	Plain(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
	pl := zipkintest.Named(t, rec, "httprequest.Plain")
	zipkintest.ChildOf(t, pl, p)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "httprequest.Lookup"), pl)
}
