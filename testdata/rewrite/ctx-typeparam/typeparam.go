// Package ctxtypeparam takes contexts through type parameters constrained
// by context.Context: they are the span's parent, but not of type
// context.Context, so the span cannot replace them for the body.
package ctxtypeparam

import "context"

// Generic takes a C that implements context.Context.
//
//zipkin:trace
func Generic[C context.Context](ctx C, n int) int {
	return n
}

// Holder is generic in its context type.
type Holder[C context.Context] struct{ ctx C }

// Context makes *Holder a context source.
func (h *Holder[C]) Context() context.Context { return h.ctx }

// Do starts from h.Context().
//
//zipkin:trace
func (h *Holder[C]) Do() int { return 1 }
