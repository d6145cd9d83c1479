// Package allcontextmethod is rewritten with -all over a type that has a
// Context method: its other methods start spans from it, but Context itself
// must not (it would call itself without end).
package allcontextmethod

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Stream carries a context, like a gRPC server stream.
type Stream struct {
	ctx   context.Context
	sent  []string
	calls int // of Context, like a gRPC client stream committing its attempt
}

// NewStream wraps ctx.
func NewStream(ctx context.Context) *Stream {
	_, span := zipkin.Start(ctx, "allcontextmethod.NewStream") //zipkin:generated oneline
	defer span.End(nil)                                        //zipkin:generated
	return &Stream{ctx: ctx}
}

// Context returns the stream's context.
func (s *Stream) Context() context.Context { s.calls++; return s.ctx }

// Send has only its receiver as a source: not traced under -all.
func (s *Stream) Send(msg string) error {
	s.sent = append(s.sent, msg)
	return nil
}

// Wrapped also has a Context method, with a value receiver that calls
// another method.
type Wrapped struct{ s *Stream }

// Context delegates to the stream.
func (w Wrapped) Context() context.Context { return w.s.Context() }

// Handle takes a stream as a parameter: reaching its context means calling
// st.Context(), which Handle itself does not, so -all leaves it alone.
func Handle(st *Stream, msg string) error {
	return st.Send(msg)
}
