// Package errexprsyntax has directive values that are not Go expressions.
package errexprsyntax

import "context"

// Unclosed has an unclosed call.
//
//zipkin:trace
//zipkin:tag n len(items
func Unclosed(ctx context.Context, items []string) {}

// Junk has a string literal followed by junk.
//
//zipkin:trace
func Junk(ctx context.Context) {
	//zipkin:annotate "a" b
	_ = 0
}

// Statement has a statement, not an expression.
//
//zipkin:trace
//zipkin:tag x x := 1
func Statement(ctx context.Context, x int) {}
