// Package literalunnamed traces function literals whose parameters and
// results are unnamed or blank.
package literalunnamed

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Handlers returns traced literals with unnamed and blank parameters.
func Handlers() (func(context.Context, int) error, func(_ context.Context) (_ string, _ error)) {
	//zipkin:trace name="unnamed"
	a := func(ctx context.Context, _ int) (err error) {
		_, span := zipkin.Start(ctx, "unnamed") //zipkin:generated params results oneline
		defer span.End(&err)                    //zipkin:generated
		return errors.New("unnamed failed")
	}
	//zipkin:trace name="blank"
	b := func(ctx context.Context) (_ string, err error) {
		_, span := zipkin.Start(ctx, "blank") //zipkin:generated ctx=_ err=_ oneline
		defer span.End(&err)                  //zipkin:generated
		return "b", nil
	}
	return a, b
}
