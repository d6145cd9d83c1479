// Package resultsunnamed traces functions with unnamed results: the
// generator names them (marker word "results") to record the error.
package resultsunnamed

import (
	"context"
	"errors"
	"io"
)

// Read returns two unnamed results.
//
//zipkin:trace
func Read(ctx context.Context, r io.Reader, p []byte) (int, error) {
	n, err := r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, nil
	}
	return n, err
}

// Only has a single unnamed error result.
//
//zipkin:trace
func Only(ctx context.Context, fail bool) error {
	if fail {
		return errors.New("only failed")
	}
	return nil
}

// NoError has unnamed results and no error: nothing to name.
//
//zipkin:trace
func NoError(ctx context.Context) (int, string) {
	return 1, "one"
}

// Three has three unnamed results of which the last is an error.
//
//zipkin:trace
func Three(ctx context.Context) (int, []string, error) {
	return 0, nil, io.ErrUnexpectedEOF
}
