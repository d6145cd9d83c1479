package httprequest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestHandlerContinuesWithTheSpan(t *testing.T) {
	rec := record(t)
	req := httptest.NewRequest(http.MethodGet, "/users?id=7", nil)
	req.Header.Set("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124")
	req.Header.Set("X-B3-SpanId", "a2fb4a1d1a96d312")
	req.Header.Set("X-B3-Sampled", "1")
	w := httptest.NewRecorder()
	Users{}.ServeHTTP(w, req)
	if w.Body.String() != "user-7" {
		t.Errorf("body %q", w.Body.String())
	}
	srv := named(t, rec, "httprequest.Users.ServeHTTP")
	if got := srv.TraceID.String(); got != "463ac35c9f6413ad48485a3953bb6124" {
		t.Errorf("server trace %s, want the incoming one", got)
	}
	if got := srv.ParentID.String(); got != "a2fb4a1d1a96d312" {
		t.Errorf("server parent %s, want the incoming span", got)
	}
	if srv.Kind != zipkin.Server {
		t.Errorf("server kind %v", srv.Kind)
	}
	hasTag(t, srv, "http.path", "/users")
	lookup := named(t, rec, "httprequest.Lookup")
	childOfSpan(t, lookup, srv)
	if lookup.Kind != zipkin.Client || lookup.RemoteEndpoint.ServiceName != "users" {
		t.Errorf("lookup kind %v remote %+v", lookup.Kind, lookup.RemoteEndpoint)
	}
}

func TestContextParameterWinsOverRequest(t *testing.T) {
	rec := record(t)
	ctx, p := parent(t)
	HandleFunc(ctx, httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	hf := named(t, rec, "httprequest.HandleFunc")
	childOf(t, hf, p)
	childOfSpan(t, named(t, rec, "httprequest.Lookup"), hf)

	rec.Reset()
	Plain(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
	pl := named(t, rec, "httprequest.Plain")
	childOf(t, pl, p)
	childOfSpan(t, named(t, rec, "httprequest.Lookup"), pl)
}

// record installs a test tracer as the default tracer for the rest of the
// test and returns the recorder its spans go to.
func record(t *testing.T) *zipkin.Recorder {
	t.Helper()
	tr, rec := zipkin.NewTestTracer()
	prev := zipkin.SetDefault(tr)
	t.Cleanup(func() { zipkin.SetDefault(prev) })
	return rec
}

// parent starts a span for the code under test to be a child of.
func parent(t *testing.T) (context.Context, zipkin.SpanContext) {
	t.Helper()
	ctx, span := zipkin.Start(context.Background(), "test.parent")
	t.Cleanup(func() { span.End(nil) })
	return ctx, span.Context()
}

// named returns the one recorded span called name.
func named(t *testing.T, rec *zipkin.Recorder, name string) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	var all []string
	for _, s := range rec.Spans() {
		all = append(all, s.Name)
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans named %q, want 1; recorded %q", len(found), name, all)
	}
	return found[0]
}

// childOf checks that s is a child of the span p.
func childOf(t *testing.T, s zipkin.RecordedSpan, p zipkin.SpanContext) {
	t.Helper()
	if s.TraceID != p.TraceID || s.ParentID != p.ID {
		t.Errorf("span %q: trace %v parent %v, want a child of span %v in trace %v",
			s.Name, s.TraceID, s.ParentID, p.ID, p.TraceID)
	}
}

// childOfSpan checks that s is a child of the recorded span p.
func childOfSpan(t *testing.T, s, p zipkin.RecordedSpan) {
	t.Helper()
	childOf(t, s, zipkin.SpanContext{TraceID: p.TraceID, ID: p.ID})
}

// hasTag checks one tag's value.
func hasTag(t *testing.T, s zipkin.RecordedSpan, key, want string) {
	t.Helper()
	got, ok := s.Tags[key]
	switch {
	case !ok:
		t.Errorf("span %q has no tag %q; tags %q", s.Name, key, s.Tags)
	case got != want:
		t.Errorf("span %q: tag %q = %q, want %q", s.Name, key, got, want)
	}
}
