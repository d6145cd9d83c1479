// Package nested traces a literal inside a traced literal, neither with a
// context parameter: the inner span is a child of the outer literal's.
package nested

import "context"

// Outer runs a traced literal that runs a traced literal, which hands its
// ctx out through a context variable of Outer.
//
//zipkin:trace
func Outer(ctx context.Context, out chan<- context.Context) {
	var seen context.Context
	//zipkin:trace
	func() {
		//zipkin:trace
		func() {
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
	n := 0
	//zipkin:trace
	func() {
		//zipkin:trace
		func() {
			n++
		}()
	}()
	return n
}
