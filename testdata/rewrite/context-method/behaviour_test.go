package contextmethod

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
func (s *stream) Send(m string) error      { s.sent = append(s.sent, m); return nil }

func TestContextMethodSources(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	st := &stream{ctx: ctx}
	if err := Echo("hi", st); err != nil || len(st.sent) != 1 {
		t.Fatalf("Echo: %v, sent %q", err, st.sent)
	}
	e := zipkintest.Named(t, rec, "contextmethod.Echo")
	zipkintest.ChildOf(t, e, p)
	if e.Kind != zipkin.Server {
		t.Errorf("Echo kind %v", e.Kind)
	}
	if got := (&Session{ctx: ctx}).Do(); got != "done" {
		t.Errorf("Do = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "contextmethod.Session.Do"), p)

	other, op := zipkintest.Parent(t)
	Prefer(&stream{ctx: other}, ctx)
	pr := zipkintest.Named(t, rec, "contextmethod.Prefer")
	zipkintest.ChildOf(t, pr, p)
	if pr.ParentID == op.ID {
		t.Error("Prefer took the stream's context over its context parameter")
	}
}
