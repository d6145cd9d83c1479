// Package resultsblank traces functions whose error result is the blank
// identifier: the generator renames it (marker word "err=_").
package resultsblank

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// ErrBlank is returned by Blank.
var ErrBlank = errors.New("blank")

// Blank has blank results.
//
//zipkin:trace
func Blank(ctx context.Context, fail bool) (_ int, err error) {
	_, span := zipkin.Start(ctx, "resultsblank.Blank") //zipkin:generated err=_
	defer span.End(&err)                               //zipkin:generated
	if fail {
		return 0, ErrBlank
	}
	return 1, nil
}

// Mixed names the first result and blanks the error.
//
//zipkin:trace
func Mixed(ctx context.Context) (n int, err error) {
	_, span := zipkin.Start(ctx, "resultsblank.Mixed") //zipkin:generated err=_
	defer span.End(&err)                               //zipkin:generated
	n = 3
	return n, nil
}
