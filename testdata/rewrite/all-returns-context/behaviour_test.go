package allreturnscontext

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// TestReturnedContextsKeepTheCallersSpan: after ctx = WithUser(ctx, ...),
// the caller's next operation is the caller's child, not a child of the
// helper's span, which has already ended.
func TestReturnedContextsKeepTheCallersSpan(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	ctx = WithUser(ctx, "bob")
	if got := Work(ctx); got != "bob" {
		t.Errorf("Work = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allreturnscontext.Work"), p)

	rec.Reset()
	ctx, cancel := WithCancel(ctx)
	defer cancel()
	Work(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allreturnscontext.Work"), p)

	rec.Reset()
	r := Authenticated(httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
	if got := Work(r.Context()); got != "alice" {
		t.Errorf("Work = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allreturnscontext.Work"), p)

	// Helpers that only derive a context are not traced under -all: a
	// span per call that parents nothing (and, before any span exists, a
	// one-span root trace per request).
	for _, s := range rec.Spans() {
		switch s.Name {
		case "allreturnscontext.WithUser", "allreturnscontext.WithCancel", "allreturnscontext.Authenticated":
			t.Errorf("-all traced %s, which only derives a context", s.Name)
		}
	}
	rec.Reset()
	WithUser(context.Background(), "x")
	if n := len(rec.Spans()); n != 0 {
		t.Errorf("WithUser from a bare context recorded %d span(s), want none", n)
	}
}
