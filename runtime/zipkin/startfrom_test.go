package zipkin

import (
	"context"
	"net/http"
	"testing"
)

type stream struct{ ctx context.Context }

func (s *stream) Context() context.Context { return s.ctx }

type nilContext struct{}

func (nilContext) Context() context.Context { return nil }

func TestStartFrom(t *testing.T) {
	tr, rec := NewTestTracer()
	parentCtx, parent := tr.Start(context.Background(), "parent")

	_, child := tr.StartFrom(&stream{ctx: parentCtx}, "child")
	if got, want := child.Context().ParentID, parent.Context().ID; got != want || child.Context().TraceID != parent.Context().TraceID {
		t.Errorf("child of a stream carrying the parent: parent %v, want %v", got, want)
	}
	child.End(nil)

	var typedNil *stream // s.ctx on a nil *stream panics
	for name, src := range map[string]ContextSource{"nil": nil, "typed nil pointer": typedNil, "nil context": nilContext{}} {
		_, root := tr.StartFrom(src, "root-"+name)
		if root == nil || root.Context().ParentID != 0 {
			t.Errorf("%s source: want a new root span, got %+v", name, root.Context())
		}
		root.End(nil)
	}
	parent.End(nil)
	if n := len(rec.Spans()); n != 5 {
		t.Errorf("recorded %d spans, want 5", n)
	}
}

func TestStartFromDisabledDoesNotCallSource(t *testing.T) {
	var tr *Tracer // disabled
	called := false
	ctx, span := tr.StartFrom(funcSource(func() context.Context { called = true; return context.Background() }), "x")
	if called || span != nil || ctx == nil {
		t.Errorf("disabled StartFrom: called=%v span=%v ctx=%v; want no call, nil span, a non-nil context", called, span, ctx)
	}
}

type funcSource func() context.Context

func (f funcSource) Context() context.Context { return f() }

func TestStartRequestNil(t *testing.T) {
	tr, rec := NewTestTracer()
	r, span := tr.StartRequest((*http.Request)(nil), "handler")
	if r != nil {
		t.Errorf("StartRequest(nil) returned request %v, want nil", r)
	}
	span.End(nil)
	if spans := rec.Spans(); len(spans) != 1 || spans[0].ParentID != 0 {
		t.Errorf("StartRequest(nil) recorded %+v, want one root span", spans)
	}
}

func TestStartNilContextStaysNil(t *testing.T) {
	tr, rec := NewTestTracer()
	//lint:ignore SA1012 a nil context is exactly what this test passes
	ctx, span := tr.Start(nil, "nil-ctx")
	if ctx != nil {
		t.Errorf("Start(nil) returned context %v, want nil so the caller's nil check still fires", ctx)
	}
	span.End(nil)
	if spans := rec.Spans(); len(spans) != 1 || spans[0].ParentID != 0 {
		t.Errorf("Start(nil) recorded %+v, want one root span", spans)
	}
}
