// Package errunknowndirective misspells directives in the zipkin:
// namespace; each is an error at the directive's name.
package errunknowndirective

import "context"

// Traec is misspelled.
//
//zipkin:traec
func Traec(ctx context.Context) {}

// Inner has an unknown statement directive.
//
//zipkin:trace
func Inner(ctx context.Context) int {
	//zipkin:annotation "x"
	return 1
}

// Tags is a plural.
//
//zipkin:trace
//zipkin:tags k "v"
func Tags(ctx context.Context) {}

// Spaced is not a directive at all (a space after //), so no error.
//
// zipkin:whatever
func Spaced(ctx context.Context) {}
