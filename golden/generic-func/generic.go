// Package genericfunc traces generic functions.
package genericfunc

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Number is any integer or float.
type Number interface {
	~int | ~int64 | ~float64
}

// Sum adds the values.
//
//zipkin:trace
//zipkin:tag count len(values)
func Sum[T Number](ctx context.Context, values ...T) T {
	_, span := zipkin.Start(ctx, "genericfunc.Sum") //zipkin:generated
	defer span.End(nil)                             //zipkin:generated
	if span.IsRecording() {                         //zipkin:generated
		span.TagInt("count", int64(len(values))) //zipkin:generated
	} //zipkin:generated
	var s T
	for _, v := range values {
		s += v
	}
	return s
}

// MapErr applies f to every element, stopping at the first error.
//
//zipkin:trace
func MapErr[In, Out any](ctx context.Context, in []In, f func(context.Context, In) (Out, error)) (_ []Out, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "genericfunc.MapErr") //zipkin:generated results
	defer span.End(&zipkinErr)                           //zipkin:generated
	out := make([]Out, 0, len(in))
	for _, v := range in {
		o, err := f(ctx, v)
		if err != nil {
			return nil, errors.Join(errors.New("map"), err)
		}
		out = append(out, o)
	}
	return out, nil
}
