// Package literalassigned traces function literals assigned to variables.
package literalassigned

import (
	"context"
	"errors"
)

// Handler is a traced function value.
type Handler func(ctx context.Context, n int) error

// Build returns a traced handler; the literal is named like the compiler
// names it, literalassigned.Build.func2 (the first literal is untraced).
//
//zipkin:trace
func Build(ctx context.Context) Handler {
	check := func(n int) bool { return n >= 0 }

	//zipkin:trace
	h := func(ctx context.Context, n int) error {
		if !check(n) {
			return errors.New("negative")
		}
		return nil
	}
	return h
}

// Assign assigns a literal to an existing variable, with a name and a tag.
func Assign() Handler {
	var h Handler
	//zipkin:trace name="assigned"
	//zipkin:tag n n
	h = func(ctx context.Context, n int) error { return nil }
	return h
}
