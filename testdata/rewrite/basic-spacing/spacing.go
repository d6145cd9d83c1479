// Package spacing keeps the user's blank lines and comments where they
// were: the entry lines go right under the brace, statement lines under
// their directive.
package spacing

import "context"

// Blank starts its body with a blank line.
//
//zipkin:trace
func Blank(ctx context.Context) int {

	n := 1

	// count up
	//zipkin:annotate "counting"

	n++
	return n
}

// First has a directive on its first statement and a trailing comment on
// the line after.
//
//zipkin:trace
func First(ctx context.Context) int {
	//zipkin:tag first true
	n := 2 // two
	return n
}
