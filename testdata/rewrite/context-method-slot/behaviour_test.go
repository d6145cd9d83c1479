package contextmethodslot

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

type stream struct {
	ctx  context.Context
	sent []string
}

func (s *stream) Context() context.Context { return s.ctx }
func (s *stream) Send(n string) error      { s.sent = append(s.sent, n); return nil }

// TestSlotCarriesTheSpan: the stream's context holds a span slot (as the
// gRPC integration installs per RPC): the callees are the method's
// children, and after it returns the stream's context is the RPC's again.
func TestSlotCarriesTheSpan(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	st := &stream{ctx: zipkin.WithSpanSlot(ctx)}
	if err := (Guide{}).ListFeatures(&Rectangle{N: 2}, st); err != nil || len(st.sent) != 2 {
		t.Fatalf("ListFeatures: %v, sent %q", err, st.sent)
	}
	lf := zipkintest.Named(t, rec, "contextmethodslot.Guide.ListFeatures")
	zipkintest.ChildOf(t, lf, p)
	var n int
	for _, s := range rec.Spans() {
		if s.Name == "contextmethodslot.lookup" {
			n++
			if s.ParentID != lf.ID {
				t.Errorf("lookup's parent %s, want ListFeatures %s", s.ParentID, lf.ID)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d lookup spans, want 2", n)
	}
	rec.Reset()
	lookup(st.Context(), 9)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "contextmethodslot.lookup"), p)
}

// TestNoSlotMeansSiblings pins what -v and the README say: without a slot,
// the generator cannot put the span into what Context() returns.
func TestNoSlotMeansSiblings(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if err := (Guide{}).ListFeatures(&Rectangle{N: 1}, &stream{ctx: ctx}); err != nil {
		t.Fatal(err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "contextmethodslot.Guide.ListFeatures"), p)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "contextmethodslot.lookup"), p)
}
