// Package literalnested traces nested function literals; their names follow
// the compiler: Outer.func1, Outer.func1.1.
package literalnested

import "context"

// Outer calls a traced literal that calls a traced literal.
//
//zipkin:trace
func Outer(ctx context.Context) int {
	//zipkin:trace
	f := func(ctx context.Context) int {
		//zipkin:trace
		g := func(ctx context.Context) int {
			return 2
		}
		return g(ctx) + 1
	}
	return f(ctx)
}
