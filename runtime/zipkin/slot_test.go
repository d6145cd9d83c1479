package zipkin

import (
	"context"
	"sync"
	"testing"
)

// stream is a source that reaches its context only through a method, as
// a gRPC server stream does.
type slotSource struct{ ctx context.Context }

func (s slotSource) Context() context.Context { return s.ctx }

// TestStartFromSlot: with a slot in the source's context, what the body
// starts from src.Context() is a child of the traced function's span, and
// after the span ends the context answers as before.
func TestStartFromSlot(t *testing.T) {
	tr, rec := NewTestTracer()
	rpcCtx, server := tr.Start(t.Context(), "server")
	src := slotSource{WithSpanSlot(rpcCtx)}

	_, method := tr.StartFrom(src, "method")
	if got := SpanFromContext(src.Context()); got != method {
		t.Fatalf("src.Context() carries %v during the method, want the method's span", got)
	}
	_, inner := tr.StartFrom(src, "inner") // a traced helper called with the stream
	_, callee := tr.Start(src.Context(), "callee")
	callee.End(nil)
	inner.End(nil)
	if got := SpanFromContext(src.Context()); got != method {
		t.Fatalf("after the inner span ended, src.Context() carries %v, want the method's span", got)
	}
	_, sibling := tr.Start(src.Context(), "after-inner")
	sibling.End(nil)
	method.End(nil)
	if got := SpanFromContext(src.Context()); got != server {
		t.Fatalf("after the method ended, src.Context() carries %v, want the server span", got)
	}
	server.End(nil)

	byName := map[string]RecordedSpan{}
	for _, s := range rec.Spans() {
		byName[s.Name] = s
	}
	parent := func(child, want string) {
		t.Helper()
		if byName[child].ParentID != byName[want].ID {
			t.Errorf("%s's parent is %v, want %s (%v)", child, byName[child].ParentID, want, byName[want].ID)
		}
	}
	parent("method", "server")
	parent("inner", "method")
	parent("callee", "inner")
	parent("after-inner", "method")
}

// TestStartFromWithoutSlot: a source without a slot is unchanged, its
// context still carries what it carried.
func TestStartFromWithoutSlot(t *testing.T) {
	tr, _ := NewTestTracer()
	rpcCtx, server := tr.Start(t.Context(), "server")
	src := slotSource{rpcCtx}
	_, method := tr.StartFrom(src, "method")
	if got := SpanFromContext(src.Context()); got != server {
		t.Fatalf("src.Context() carries %v, want the server span", got)
	}
	if method.ext != nil {
		t.Errorf("a span without a slot got an extension")
	}
	method.End(nil)
	server.End(nil)
}

// TestSlotOutOfOrder: spans ending out of order leave the slot with the
// ones still running.
func TestSlotOutOfOrder(t *testing.T) {
	tr, _ := NewTestTracer()
	src := slotSource{WithSpanSlot(t.Context())}
	_, a := tr.StartFrom(src, "a")
	_, b := tr.StartFrom(src, "b")
	a.End(nil)
	if got := SpanFromContext(src.Context()); got != b {
		t.Fatalf("slot holds %v, want b", got)
	}
	b.End(nil)
	if got := SpanFromContext(src.Context()); got != nil {
		t.Fatalf("slot holds %v after both ended, want none", got)
	}
}

// TestSlotConcurrent: goroutines reading the slotted context while spans
// come and go (run with -race).
func TestSlotConcurrent(t *testing.T) {
	tr, _ := NewTestTracer()
	src := slotSource{WithSpanSlot(t.Context())}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 200 {
				_, s := tr.StartFrom(src, "m")
				s.End(nil)
			}
		}()
		go func() {
			defer wg.Done()
			for range 200 {
				_, s := tr.Start(src.Context(), "c")
				s.End(nil)
			}
		}()
	}
	wg.Wait()
	if got := SpanFromContext(src.Context()); got != nil {
		t.Fatalf("slot holds %v after every span ended", got)
	}
}
