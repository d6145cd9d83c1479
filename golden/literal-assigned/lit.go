// Package literalassigned traces function literals assigned to variables.
package literalassigned

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Handler is a traced function value.
type Handler func(ctx context.Context, n int) error

// Build returns a traced handler; the literal is named like the compiler
// names it, literalassigned.Build.func2 (the first literal is untraced).
//
//zipkin:trace
func Build(ctx context.Context) Handler {
	_, span := zipkin.Start(ctx, "literalassigned.Build") //zipkin:generated
	defer span.End(nil)                                   //zipkin:generated
	check := func(n int) bool { return n >= 0 }

	//zipkin:trace
	h := func(ctx context.Context, n int) (err error) {
		_, span := zipkin.Start(ctx, "literalassigned.Build.func2") //zipkin:generated results
		defer span.End(&err)                                        //zipkin:generated
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
	h = func(ctx context.Context, n int) (err error) {
		_, span := zipkin.Start(ctx, "assigned") //zipkin:generated results oneline
		defer span.End(&err)                     //zipkin:generated
		span.TagInt("n", int64(n))               //zipkin:generated
		return nil
	}
	return h
}
