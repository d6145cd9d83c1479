// Package comments traces functions full of comments: every comment stays
// where it was.
package comments

import (
	"context" // the only import

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// First has a comment as the first thing in its body.
//
//zipkin:trace
func First(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "comments.First") //zipkin:generated
	defer span.End(nil)                            //zipkin:generated
	// a comment at the top of the body
	x := 1 // trailing
	/* a block comment */
	return x
}

// Trailing has a trailing comment on its opening brace line.
//
//zipkin:trace
func Trailing(ctx context.Context) { // brace comment
	_, span := zipkin.Start(ctx, "comments.Trailing") //zipkin:generated
	defer span.End(nil)                               //zipkin:generated
}

// Empty has an empty body with only a comment.
//
//zipkin:trace
func Empty(ctx context.Context) {
	// nothing here
	_, span := zipkin.Start(ctx, "comments.Empty") //zipkin:generated
	defer span.End(nil)                            //zipkin:generated
}

/*
Block is documented with a block comment followed by the directive.
*/
//zipkin:trace
func Block(ctx context.Context) {
	_, span := zipkin.Start(ctx, "comments.Block") //zipkin:generated oneline
	defer span.End(nil)                            //zipkin:generated
}

// Between has trailing comments on its directive lines.
//
//zipkin:trace kind=server // the entry point
//zipkin:tag answer 42 // the answer
func Between(ctx context.Context) {
	_, span := zipkin.Start(ctx, "comments.Between") //zipkin:generated oneline
	defer span.End(nil)                              //zipkin:generated
	span.SetKind(zipkin.Server)                      //zipkin:generated
	span.TagInt("answer", 42)                        //zipkin:generated
}

// Stmt has a comment between a statement directive and its statement.
//
//zipkin:trace
func Stmt(ctx context.Context) (n int) {
	_, span := zipkin.Start(ctx, "comments.Stmt") //zipkin:generated
	defer span.End(nil)                           //zipkin:generated
	//zipkin:annotate "before"
	// a user comment under the directive
	span.Annotate("before") //zipkin:generated
	n = 1
	return n // last
}
