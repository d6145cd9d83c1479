// Package comments traces functions full of comments: every comment stays
// where it was.
package comments

import (
	"context" // the only import
)

// First has a comment as the first thing in its body.
//
//zipkin:trace
func First(ctx context.Context) int {
	// a comment at the top of the body
	x := 1 // trailing
	/* a block comment */
	return x
}

// Trailing has a trailing comment on its opening brace line.
//
//zipkin:trace
func Trailing(ctx context.Context) { // brace comment
}

// Empty has an empty body with only a comment.
//
//zipkin:trace
func Empty(ctx context.Context) {
	// nothing here
}

/*
Block is documented with a block comment followed by the directive.
*/
//zipkin:trace
func Block(ctx context.Context) {}

// Between has trailing comments on its directive lines.
//
//zipkin:trace kind=server // the entry point
//zipkin:tag answer 42 // the answer
func Between(ctx context.Context) {}

// Stmt has a comment between a statement directive and its statement.
//
//zipkin:trace
func Stmt(ctx context.Context) (n int) {
	//zipkin:annotate "before"
	// a user comment under the directive
	n = 1
	return n // last
}
