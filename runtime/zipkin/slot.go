package zipkin

import (
	"context"
	"slices"
	"sync"
	"time"
)

// WithSpanSlot returns a child of ctx that holds a slot for the current
// span. It is for integrations that hand user code a context only through
// a Context method, so that the user's code cannot replace it: gRPC server
// streams above all (runtime/zipkingrpc installs the slot in each RPC's
// context). While a span started by StartFrom on a source whose Context()
// returns ctx (or a context derived from it) is running, ctx answers with
// that span: what the traced body starts from src.Context() becomes the
// span's child rather than its sibling. When the span ends, ctx answers
// with what it answered before. Spans started with Start keep the usual
// rule (the caller rebinds the returned context) and leave the slot alone.
//
// The slot is shared by every goroutine that holds ctx, as the context is:
// code running beside the traced function sees its span as the current one
// until it ends. An integration that must find its own span again later
// keeps a reference to it rather than looking it up in ctx.
func WithSpanSlot(ctx context.Context) context.Context {
	return &slotNode{parent: ctx}
}

// slotKey finds the spanSlot of a context.
type slotKey struct{}

// spanSlot holds the spans started by StartFrom through a slotted context
// that have not ended yet, innermost last.
type spanSlot struct {
	mu    sync.Mutex
	spans []*Span
}

func (s *spanSlot) push(sp *Span) {
	s.mu.Lock()
	s.spans = append(s.spans, sp)
	s.mu.Unlock()
}

// pop removes sp wherever it is: spans may end out of order.
func (s *spanSlot) pop(sp *Span) {
	s.mu.Lock()
	if i := slices.Index(s.spans, sp); i >= 0 {
		s.spans = slices.Delete(s.spans, i, i+1)
	}
	s.mu.Unlock()
}

func (s *spanSlot) top() *Span {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.spans); n > 0 {
		return s.spans[n-1]
	}
	return nil
}

// slotNode is the context WithSpanSlot returns.
type slotNode struct {
	parent context.Context
	slot   spanSlot
}

func (n *slotNode) Deadline() (time.Time, bool) { return n.parent.Deadline() }
func (n *slotNode) Done() <-chan struct{}       { return n.parent.Done() }
func (n *slotNode) Err() error                  { return n.parent.Err() }

func (n *slotNode) Value(key any) any {
	switch key {
	case ctxKey{}:
		if s := n.slot.top(); s != nil {
			return s
		}
	case slotKey{}:
		return &n.slot
	}
	return n.parent.Value(key)
}

func (n *slotNode) String() string { return "zipkin.WithSpanSlot" }

// enterSlot makes s the current span of the slot in src, if src has one.
// s is not shared yet, so its extension can be set without its lock.
func enterSlot(src context.Context, s *Span) {
	if slot, ok := src.Value(slotKey{}).(*spanSlot); ok {
		s.extension().slot = slot
		slot.push(s)
	}
}
