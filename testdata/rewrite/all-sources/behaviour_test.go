package allsources

import (
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestAllTracesEverySource(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	s := &Store{data: map[string]int{"a": 1}}
	if s.Len() != 1 || helper(1) != 2 {
		t.Error("Len or helper changed")
	}
	Ignored(ctx)
	if got := Literal(ctx)(ctx); got != 2 {
		t.Errorf("literal = %d", got)
	}
	Named(ctx)
	Rooted()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/?key=zz", nil).WithContext(ctx))
	if w.Code != http.StatusNotFound {
		t.Errorf("ServeHTTP status %d", w.Code)
	}

	var names []string
	for _, sp := range rec.Spans() {
		names = append(names, sp.Name)
	}
	sort.Strings(names)
	want := []string{"allsources.Literal", "allsources.Rooted", "allsources.Store.Get",
		"allsources.Store.ServeHTTP", "allsources.double", "custom"}
	if len(names) != len(want) {
		t.Fatalf("spans %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("spans %q, want %q", names, want)
		}
	}
	serve := zipkintest.Named(t, rec, "allsources.Store.ServeHTTP")
	zipkintest.ChildOf(t, serve, p)
	get := zipkintest.Named(t, rec, "allsources.Store.Get")
	zipkintest.ChildOfSpan(t, get, serve)
	zipkintest.HasTag(t, get, "error", "value out of range")
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allsources.Literal"), p)
	// The literal Literal returns is not traced; it was called with the
	// test's ctx.
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allsources.double"), p)
	if c := zipkintest.Named(t, rec, "custom"); c.Kind != zipkin.Server {
		t.Errorf("custom kind %v", c.Kind)
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "allsources.Rooted"))
}
