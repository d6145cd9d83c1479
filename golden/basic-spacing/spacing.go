// Package spacing keeps the user's blank lines and comments where they
// were: the entry lines go right under the brace, statement lines under
// their directive.
package spacing

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Blank starts its body with a blank line.
//
//zipkin:trace
func Blank(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "spacing.Blank") //zipkin:generated
	defer span.End(nil)                           //zipkin:generated

	n := 1

	// count up
	//zipkin:annotate "counting"

	span.Annotate("counting") //zipkin:generated
	n++
	return n
}

// First has a directive on its first statement and a trailing comment on
// the line after.
//
//zipkin:trace
func First(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "spacing.First") //zipkin:generated
	defer span.End(nil)                           //zipkin:generated
	//zipkin:tag first true
	span.TagBool("first", true) //zipkin:generated
	n := 2                      // two
	return n
}
