// Package resultsblank traces functions whose error result is the blank
// identifier: the generator renames it (marker word "err=_").
package resultsblank

import (
	"context"
	"errors"
)

// ErrBlank is returned by Blank.
var ErrBlank = errors.New("blank")

// Blank has blank results.
//
//zipkin:trace
func Blank(ctx context.Context, fail bool) (_ int, _ error) {
	if fail {
		return 0, ErrBlank
	}
	return 1, nil
}

// Mixed names the first result and blanks the error.
//
//zipkin:trace
func Mixed(ctx context.Context) (n int, _ error) {
	n = 3
	return n, nil
}
