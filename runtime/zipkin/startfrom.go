package zipkin

import "context"

// ContextSource is anything that carries a context through a Context
// method: a gRPC stream, an HTTP request, a job or message type.
type ContextSource interface {
	Context() context.Context
}

// StartFrom starts a span whose parent is the span in c.Context(). It is
// what generated code calls when a function's only context source is a
// parameter or receiver with a Context method. When tracing is disabled it
// returns at once without calling into c. A nil c, a Context method that
// panics (say, on a typed nil pointer) or one that returns nil means no
// parent: the span starts a new trace, and the traced code, which may well
// handle a nil source itself, keeps working.
//
// When c's context holds a span slot (see WithSpanSlot), the span is the
// one that c.Context() carries until it ends, so the body's own calls of
// c.Context() start children of it.
func StartFrom(c ContextSource, name string, opts ...StartOption) (context.Context, *Span) {
	return Default().StartFrom(c, name, opts...)
}

// StartFrom starts a span from c's context; see the package-level StartFrom.
func (t *Tracer) StartFrom(c ContextSource, name string, opts ...StartOption) (context.Context, *Span) {
	if !t.Enabled() {
		return context.Background(), nil
	}
	src := sourceContext(c)
	ctx, s := t.start(src, name, nil, opts)
	if s != nil {
		enterSlot(src, s)
	}
	return ctx, s
}

// sourceContext calls c.Context(), turning a nil source, a panic or a nil
// result into context.Background().
func sourceContext(c ContextSource) (ctx context.Context) {
	if c == nil {
		return context.Background()
	}
	defer func() {
		if recover() != nil || ctx == nil {
			ctx = context.Background()
		}
	}()
	return c.Context()
}
