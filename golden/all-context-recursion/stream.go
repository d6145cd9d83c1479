// Package allcontextrecursion is rewritten with -all over a type whose
// Context method calls its other methods and has side effects, as gRPC's
// client stream does (its Context commits the retry attempt): instrumented
// methods must neither recurse through Context nor call it behind the
// user's back.
package allcontextrecursion

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Stream commits on first use of its context.
type Stream struct {
	ctx       context.Context
	commits   int
	committed bool
}

// Context commits the stream, then returns its context.
func (s *Stream) Context() context.Context {
	s.commit()
	return s.ctx
}

// commit has no parameters: its receiver is its only possible source.
func (s *Stream) commit() {
	if !s.committed {
		s.committed = true
		s.commits++
	}
}

// Retry must not commit: it only works before the commit.
func (s *Stream) Retry() bool { return !s.committed }

// Handle takes the stream as a parameter: a context source outside the
// stream's own methods.
func Handle(ctx context.Context, s *Stream) bool {
	_, span := zipkin.Start(ctx, "allcontextrecursion.Handle") //zipkin:generated oneline
	defer span.End(nil)                                        //zipkin:generated
	return s.Retry()
}
