// Package literalnested traces nested function literals; their names follow
// the compiler: Outer.func1, Outer.func1.1.
package literalnested

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Outer calls a traced literal that calls a traced literal.
//
//zipkin:trace
func Outer(ctx context.Context) int {
	ctx, span := zipkin.Start(ctx, "literalnested.Outer") //zipkin:generated
	defer span.End(nil)                                   //zipkin:generated
	//zipkin:trace
	f := func(ctx context.Context) int {
		ctx, span := zipkin.Start(ctx, "literalnested.Outer.func1") //zipkin:generated
		defer span.End(nil)                                         //zipkin:generated
		//zipkin:trace
		g := func(ctx context.Context) int {
			_, span := zipkin.Start(ctx, "literalnested.Outer.func1.1") //zipkin:generated
			defer span.End(nil)                                         //zipkin:generated
			return 2
		}
		return g(ctx) + 1
	}
	return f(ctx)
}
