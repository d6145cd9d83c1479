// Package literalunnamed traces function literals whose parameters and
// results are unnamed or blank.
package literalunnamed

import (
	"context"
	"errors"
)

// Handlers returns traced literals with unnamed and blank parameters.
func Handlers() (func(context.Context, int) error, func(_ context.Context) (_ string, _ error)) {
	//zipkin:trace name="unnamed"
	a := func(context.Context, int) error { return errors.New("unnamed failed") }
	//zipkin:trace name="blank"
	b := func(_ context.Context) (_ string, _ error) { return "b", nil }
	return a, b
}
