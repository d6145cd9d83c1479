package embeddedpromoted

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestPromotedMethods(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	d := Derived{Base: &Base{name: "b"}, extra: 2}
	if got := d.Name(ctx); got != "b" {
		t.Errorf("Name = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "embeddedpromoted.Base.Name"), p)
	if got := d.Extra(ctx); got != 2 {
		t.Errorf("Extra = %d", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "embeddedpromoted.Derived.Extra"), p)

	r := Request{httptest.NewRequest(http.MethodGet, "/x", nil).WithContext(ctx)}
	if got := r.Path(); got != "/x" {
		t.Errorf("Path = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "embeddedpromoted.Request.Path"), p)
}
