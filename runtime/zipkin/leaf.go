package zipkin

import (
	"context"
	"sync"
)

// Leaf spans. A sampled span is one 256-byte allocation, and on calls as
// frequent and as short as database queries that allocation, and the
// garbage collection it brings on, is most of what tracing costs. A span
// that nothing can be a child of — its context is never handed out — can
// be reused once the reporter is done with it. StartLeaf begins such a
// span; the tracer's reporter hands it back with Recycle after encoding
// or dropping it; the next StartLeaf takes it from leafSpans.
//
// Reuse is safe only while exactly one party holds the span at a time:
// the caller until End, then the reporter. So a span is recycled only by
// the Reporter the tracer reports to itself (not one it is wrapped in,
// which may hand the same span to others), or by the tracer when the
// span reaches no reporter at all.

// leafSpans holds recycled leaf spans, zeroed.
var leafSpans sync.Pool

func newLeafSpan() *Span {
	if s, _ := leafSpans.Get().(*Span); s != nil {
		return s
	}
	return new(Span)
}

// StartLeaf is Start for a span that will have no children, such as one
// database call: it returns no context, so nothing can find the span or
// start a child of it, and in exchange the span's memory is reused for a
// later StartLeaf once the tracer's reporter has sent it, which spares a
// sampled call its allocation. The parent, the sampling decision and the
// options are Start's; a call that records nothing returns nil, and costs
// no allocation even when Start would have needed one to carry a decision.
//
// The span must be ended exactly once, and not used at all after End: its
// memory may by then hold another call's span. Keep passing ctx, not a
// context derived from the span, to what the span measures.
func (t *Tracer) StartLeaf(ctx context.Context, name string, opts ...StartOption) *Span {
	if t == nil || t.reporter == nil {
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	switch p := ctx.Value(ctxKey{}).(type) {
	case *Span:
		if kind, shared, ok := leafOptions(opts); ok {
			return t.leafUnder(ctx, p, name, kind, shared)
		}
	case *remoteNode:
		// The unsampled child, as startFromRemote has it.
		if p.sc.Sampling == Deny && !p.sc.Debug {
			if _, _, ok := leafOptions(opts); ok {
				_, s := t.notSampled(ctx)
				return s
			}
		}
	}
	_, s := t.startWithOptions(ctx, name, nil, opts, nil, true)
	return s
}

// leafOptions reads opts for StartLeaf's short path (leafUnder): ok when
// they only set the kind, a shared remote endpoint or ChildOnly, none of
// which changes the parent or the sampling decision.
func leafOptions(opts []StartOption) (kind Kind, shared *SharedRemote, ok bool) {
	for i := range opts {
		switch o := &opts[i]; o.set {
		case optKind:
			kind = o.kind
		case optShared:
			shared = o.shared
		case optChildOnly:
		default:
			return 0, nil, false
		}
	}
	return kind, shared, true
}

// leafUnder is StartLeaf's common case in one short piece of code, which
// matters on calls that run between long stretches of other code (a
// driver's) and find little of ours still in the CPU's caches: a child of
// the local span p. It is newSpan and startSpan for that case, copied
// rather than called: calling them with a startConfig measured a point
// slower in BenchmarkSQLPaired (1.062 against 1.051 of untraced). A change
// to either must be made here too; TestStartLeafShortPathIsTheGeneralOne
// holds the two paths equal field by field.
func (t *Tracer) leafUnder(ctx context.Context, p *Span, name string, kind Kind, shared *SharedRemote) *Span {
	t.sampled.Add(1)
	now := monoNow()
	wall := wallNanos(now)
	s := newLeafSpan()
	s.node.parent = ctx
	s.tracer = t
	s.sc.TraceID, s.sc.ID, s.sc.ParentID = p.sc.TraceID, newSpanID(), p.sc.ID
	s.sc.Sampling, s.sc.Debug, s.sc.TraceState = Accept, p.sc.Debug, p.sc.TraceState
	s.startWall = wall
	s.startMono = now
	s.name = name
	s.kind = kind
	if shared != nil {
		s.ext = shared.ext // copied on the first write (Span.extension); nil for no endpoint
	}
	return s
}

// isLeaf reports whether s was begun by StartLeaf. Its embedded node is
// never handed out as a context, so it does not point back at the span,
// and that nil is the mark: the 256-byte size class has no byte left for
// a flag (TestSpanSizeClass). A zero Span, not made by a Tracer, is none.
func (s *Span) isLeaf() bool { return s.node.span == nil && s.tracer != nil }

// Recycle hands back a span that its reporter is done with: one begun by
// StartLeaf is reused by a later StartLeaf, any other is left to the
// garbage collector (Recycle does nothing to it). Only the Reporter that
// the Tracer reports to may call it, at most once per span, once it has
// encoded or dropped the span and keeps no reference to it or to its
// fields; a Reporter that hands spans on to other reporters must not. The
// reporters of this package do so themselves where that holds.
func (s *Span) Recycle() {
	if s == nil || !s.isLeaf() || !s.ended {
		return
	}
	*s = Span{}
	leafSpans.Put(s)
}

// recycleReported is Recycle from a reporter of this package: only when
// the span's tracer reports to r itself, not to a reporter that wraps r
// and may have handed the span to others too.
func recycleReported(r Reporter, s *Span) {
	if s.isLeaf() && s.tracer.reporter == r {
		s.Recycle()
	}
}
