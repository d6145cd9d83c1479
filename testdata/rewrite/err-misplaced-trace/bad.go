// Package errmisplacedtrace puts //zipkin:trace before statements that
// contain no function literal.
package errmisplacedtrace

import "context"

// Body traces a plain assignment.
//
//zipkin:trace
func Body(ctx context.Context) int {
	//zipkin:trace
	x := 1
	return x
}

// Untraced does it in an untraced function.
func Untraced(ctx context.Context) int {
	//zipkin:trace
	return 2
}
