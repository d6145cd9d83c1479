// Package errexprtype has directive values that parse but do not
// type-check in the function's scope.
package errexprtype

import "context"

type item struct{ name string }

func pair() (int, error) { return 0, nil }

func nothing() {}

// Mismatch adds a string and an int.
//
//zipkin:trace
//zipkin:tag n id + 1
func Mismatch(ctx context.Context, id string) {}

// NoField selects a field that does not exist.
//
//zipkin:trace
//zipkin:tag name it.title
func NoField(ctx context.Context, it item) {}

// MultiValue tags a call with two results.
//
//zipkin:trace
//zipkin:tag pair pair()
func MultiValue(ctx context.Context) {}

// NoValue tags a call with no result.
//
//zipkin:trace
func NoValue(ctx context.Context) {
	//zipkin:tag nothing nothing()
	nothing()
}
