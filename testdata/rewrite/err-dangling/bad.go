// Package errdangling has directives attached to nothing.
package errdangling

import "context"

//zipkin:trace

// Detached is separated from its directive by a blank line.
func Detached(ctx context.Context) {}

// End has a directive as the last line of a block.
//
//zipkin:trace
func End(ctx context.Context) {
	_ = 0
	//zipkin:annotate "end"
}

// Value is a package-level variable with a directive.
//
//zipkin:trace
var Value = 1

//zipkin:annotate "at the end of the file"

func f(a ...any) {}

// Call has a trace before an argument that is not a function literal.
func Call(ctx context.Context) {
	f(1,
		//zipkin:trace
		2,
		func() {})
}
