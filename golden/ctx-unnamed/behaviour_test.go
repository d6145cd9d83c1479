package ctxunnamed

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUnnamedParametersStillCarryTheParent(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	Unnamed(ctx, 1, "a", "b")
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxunnamed.Unnamed"), p)

	req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)
	Handler(httptest.NewRecorder(), req)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxunnamed.Handler"), p)

	if n, err := UnnamedResults(ctx, "s"); n != 0 || err != nil {
		t.Errorf("UnnamedResults = %d, %v", n, err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxunnamed.UnnamedResults"), p)

	if err := (Iface{}).Do(ctx); err != nil {
		t.Error(err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "ctxunnamed.Iface.Do"), p)
}
