// Package ctxalias finds the context parameter by its type, through
// aliases and whatever its name.
package ctxalias

import (
	"context"
	stdctx "context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Ctx is an alias of context.Context.
type Ctx = context.Context

// ViaAlias takes the context through the alias.
//
//zipkin:trace
func ViaAlias(c Ctx, id int) int {
	_, span := zipkin.Start(c, "ctxalias.ViaAlias") //zipkin:generated oneline
	defer span.End(nil)                             //zipkin:generated
	return id
}

// ViaRenamedImport takes it through a renamed import.
//
//zipkin:trace
func ViaRenamedImport(parent stdctx.Context) {
	_, span := zipkin.Start(parent, "ctxalias.ViaRenamedImport") //zipkin:generated oneline
	defer span.End(nil)                                          //zipkin:generated
}

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
func NotAContext(w Wrapper) {
	_, span := zipkin.Start(w, "ctxalias.NotAContext") //zipkin:generated oneline
	defer span.End(nil)                                //zipkin:generated
}
