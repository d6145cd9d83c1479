// Package ctxalias finds the context parameter by its type, through
// aliases and whatever its name.
package ctxalias

import (
	"context"
	stdctx "context"
)

// Ctx is an alias of context.Context.
type Ctx = context.Context

// ViaAlias takes the context through the alias.
//
//zipkin:trace
func ViaAlias(c Ctx, id int) int { return id }

// ViaRenamedImport takes it through a renamed import.
//
//zipkin:trace
func ViaRenamedImport(parent stdctx.Context) {}

// Wrapper is a named interface type embedding context.Context: not
// identical to context.Context, but a context by its methods.
type Wrapper interface {
	context.Context
	Extra()
}

// NotAContext takes a Wrapper only: the span's parent, which cannot carry
// the span (its type is not context.Context).
//
//zipkin:trace
func NotAContext(w Wrapper) {}
