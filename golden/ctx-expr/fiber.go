// Package ctxexpr names the context to start from with ctx=, for
// frameworks whose request context has a shape of its own (fiber's
// c.UserContext()).
package ctxexpr

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// FiberCtx is shaped like fiber's *fiber.Ctx.
type FiberCtx struct{ user context.Context }

// UserContext returns the request's context.
func (c *FiberCtx) UserContext() context.Context { return c.user }

// Handle starts from c.UserContext().
//
//zipkin:trace ctx=c.UserContext() kind=server
func Handle(c *FiberCtx) (err error) {
	_, span := zipkin.Start(c.UserContext(), "ctxexpr.Handle") //zipkin:generated results oneline
	defer span.End(&err)                                       //zipkin:generated
	span.SetKind(zipkin.Server)                                //zipkin:generated
	return nil
}

// Both has a context parameter, but ctx= wins.
//
//zipkin:trace ctx=c.UserContext()
func Both(ctx context.Context, c *FiberCtx) {
	_, span := zipkin.Start(c.UserContext(), "ctxexpr.Both") //zipkin:generated oneline
	defer span.End(nil)                                      //zipkin:generated
}

// Spawn traces a literal started from a context of its choosing.
func Spawn(ctx context.Context, c *FiberCtx) {
	done := make(chan struct{})
	//zipkin:trace ctx=c.UserContext()
	go func() {
		_, span := zipkin.Start(c.UserContext(), "ctxexpr.Spawn.func1") //zipkin:generated
		defer span.End(nil)                                             //zipkin:generated
		close(done)
	}()
	<-done
}
