package allcontextmethod

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestContextMethodsDoNotTraceThemselves(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	// NewStream is traced (it has a ctx) but returns a context carrier: the
	// stream keeps the caller's context, not NewStream's ended span.
	st := NewStream(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allcontextmethod.NewStream"), p)
	if st.Context() != ctx {
		t.Error("the stream does not carry the caller's context")
	}
	w := Wrapped{s: st}
	if w.Context() != ctx {
		t.Error("Wrapped.Context changed the context")
	}
	if err := Handle(st, "hi"); err != nil {
		t.Fatal(err)
	}
	// Handle starts from its parameter's Context(); methods are never traced
	// from their own receiver's Context() under -all.
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "allcontextmethod.Handle"), p)
	for _, s := range rec.Spans() {
		switch s.Name {
		case "allcontextmethod.Stream.Context", "allcontextmethod.Wrapped.Context", "allcontextmethod.Stream.Send":
			t.Errorf("traced from its own receiver: %q", s.Name)
		}
	}
}
