// Package hygienelocals traces functions that already use the names the
// generator would pick: span, ctx, err, zipkin.
package hygienelocals

import (
	"context"
	"errors"
	"strings"

	zipkingen "github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Locals declares span, err and zipkin in the body and in nested scopes.
//
//zipkin:trace
func Locals(ctx context.Context, words []string) (_ int, zipkinErr error) {
	_, zipkinSpan1 := zipkingen.Start(ctx, "hygienelocals.Locals") //zipkin:generated results
	defer zipkinSpan1.End(&zipkinErr)                              //zipkin:generated
	span := len(words)
	zipkin := strings.Join(words, " ")
	if span == 0 {
		err := errors.New("empty")
		return 0, err
	}
	for _, w := range words {
		if zipkinSpan := len(w); zipkinSpan > 10 {
			return span, errors.New(zipkin)
		}
	}
	return span, nil
}

type result struct{ err error }

// Field uses err only as a field and a composite-literal key: a name in a
// selector or key does not collide, but the generator may still avoid it.
//
//zipkin:trace
func Field(ctx context.Context) (r result) {
	_, span := zipkingen.Start(ctx, "hygienelocals.Field") //zipkin:generated
	defer span.End(nil)                                    //zipkin:generated
	r = result{err: nil}
	return r
}

// Label uses span as a label.
//
//zipkin:trace
func Label(ctx context.Context, n int) (err error) {
	_, zipkinSpan := zipkingen.Start(ctx, "hygienelocals.Label") //zipkin:generated
	defer zipkinSpan.End(&err)                                   //zipkin:generated
span:
	for i := 0; i < n; i++ {
		if i > 2 {
			break span
		}
	}
	return nil
}
