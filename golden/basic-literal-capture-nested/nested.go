// Package nested traces a literal inside a traced literal, neither with a
// context parameter: the inner span is a child of the outer literal's.
package nested

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Outer runs a traced literal that runs a traced literal, which hands its
// ctx out through a context variable of Outer.
//
//zipkin:trace
func Outer(ctx context.Context, out chan<- context.Context) {
	ctx, span := zipkin.Start(ctx, "nested.Outer") //zipkin:generated
	defer span.End(nil)                            //zipkin:generated
	var seen context.Context
	//zipkin:trace
	func() {
		ctx, span := zipkin.Start(ctx, "nested.Outer.func1") //zipkin:generated
		defer span.End(nil)                                  //zipkin:generated
		//zipkin:trace
		func() {
			ctx, span := zipkin.Start(ctx, "nested.Outer.func1.1") //zipkin:generated
			defer span.End(nil)                                    //zipkin:generated
			seen = ctx
		}()
	}()
	out <- seen
}

// Quiet is Outer where no literal reads ctx: the outer literal still
// passes its span on to the inner one.
//
//zipkin:trace
func Quiet(ctx context.Context) int {
	ctx, span := zipkin.Start(ctx, "nested.Quiet") //zipkin:generated
	defer span.End(nil)                            //zipkin:generated
	n := 0
	//zipkin:trace
	func() {
		ctx, span := zipkin.Start(ctx, "nested.Quiet.func1") //zipkin:generated
		defer span.End(nil)                                  //zipkin:generated
		//zipkin:trace
		func() {
			_, span := zipkin.Start(ctx, "nested.Quiet.func1.1") //zipkin:generated
			defer span.End(nil)                                  //zipkin:generated
			n++
		}()
	}()
	return n
}
