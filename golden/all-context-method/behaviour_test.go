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
	calls := st.calls
	if err := Handle(st, "hi"); err != nil {
		t.Fatal(err)
	}
	if st.calls != calls {
		t.Errorf("Handle called Context() %d time(s): -all added a call", st.calls-calls)
	}
	// -all calls no Context() method the code does not call: neither a
	// parameter's (Handle) nor a receiver's (Send).
	for _, s := range rec.Spans() {
		switch s.Name {
		case "allcontextmethod.Stream.Context", "allcontextmethod.Wrapped.Context", "allcontextmethod.Stream.Send", "allcontextmethod.Handle":
			t.Errorf("traced from its own receiver: %q", s.Name)
		}
	}
}
