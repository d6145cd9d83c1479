package literalanywhere

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestLiteralsAnywhere(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Ops["double"](ctx, 2) + Ops["plain"](ctx, 1); got != 5 {
		t.Errorf("ops = %d", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "op.double"), p)
	Handler(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "literalanywhere.init.func3"), p)

	var hs []func(context.Context) int
	routes := Register(ctx, func(path string, h ...func(context.Context) int) { hs = h })
	if len(hs) != 2 || hs[0](ctx)+hs[1](ctx) != 3 {
		t.Fatalf("handlers %d", len(hs))
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "a.first"), p)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "a.second"), p)
	if got := routes[0].Do(); got != 3 {
		t.Errorf("Do = %d", got)
	}
	field := zipkintest.Named(t, rec, "field")
	zipkintest.ChildOf(t, field, p)
	zipkintest.HasTag(t, field, "route.path", "/b")
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "slice.elem"), p)

	if got := Local(ctx); got != 9 {
		t.Errorf("Local = %d", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "local.var"), p)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "local.define"), p)
	if got := Make(ctx)(); got != 6 {
		t.Errorf("Make()() = %d", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "returned"), p)
	for _, s := range rec.Spans() {
		if s.Name == "literalanywhere.init.func2" {
			t.Error("the untraced map element was traced")
		}
	}
}
