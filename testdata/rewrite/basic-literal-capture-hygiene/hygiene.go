// Package hygiene traces literals whose captured context cannot be
// rebound inside them without changing what their code means.
package hygiene

import "context"

type key struct{}

// Assign runs a traced literal that assigns the captured ctx: Assign must
// see that write, so the literal does not rebind ctx.
//
//zipkin:trace
func Assign(ctx context.Context, out chan<- context.Context) {
	//zipkin:trace
	func() {
		ctx = context.WithValue(ctx, key{}, "set")
	}()
	out <- ctx
}

// Later runs a traced literal that declares its own ctx after reading the
// captured one: a rebinding would clash with that declaration.
//
//zipkin:trace
func Later(ctx context.Context, out chan<- any) {
	//zipkin:trace
	func() {
		out <- ctx.Value(key{})
		ctx := "later"
		out <- ctx
	}()
}

// Param runs a traced literal whose parameter hides the captured ctx: it
// can only start a new trace.
//
//zipkin:trace
func Param(ctx context.Context, out chan<- string) {
	//zipkin:trace
	func(ctx string) {
		out <- ctx
	}("param")
	out <- "done"
}

// Derived runs a traced literal that reads a context derived in a block:
// the innermost variable wins, whatever its name.
//
//zipkin:trace
func Derived(ctx context.Context, out chan<- context.Context) {
	if true {
		cctx, cancel := context.WithCancel(context.WithValue(ctx, key{}, "derived"))
		defer cancel()
		//zipkin:trace
		func() {
			out <- cctx
		}()
	}
}

// Handler is a package-level literal: the traced literal inside it starts
// from its ctx.
var Handler = func(ctx context.Context, out chan<- context.Context) {
	//zipkin:trace
	func() {
		out <- ctx
	}()
}
