// Package resultsunnamed traces functions with unnamed results: the
// generator names them (marker word "results") to record the error.
package resultsunnamed

import (
	"context"
	"errors"
	"io"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Read returns two unnamed results.
//
//zipkin:trace
func Read(ctx context.Context, r io.Reader, p []byte) (_ int, zipkinErr error) {
	_, span := zipkin.Start(ctx, "resultsunnamed.Read") //zipkin:generated results
	defer span.End(&zipkinErr)                          //zipkin:generated
	n, err := r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, nil
	}
	return n, err
}

// Only has a single unnamed error result.
//
//zipkin:trace
func Only(ctx context.Context, fail bool) (err error) {
	_, span := zipkin.Start(ctx, "resultsunnamed.Only") //zipkin:generated results
	defer span.End(&err)                                //zipkin:generated
	if fail {
		return errors.New("only failed")
	}
	return nil
}

// NoError has unnamed results and no error: nothing to name.
//
//zipkin:trace
func NoError(ctx context.Context) (int, string) {
	_, span := zipkin.Start(ctx, "resultsunnamed.NoError") //zipkin:generated
	defer span.End(nil)                                    //zipkin:generated
	return 1, "one"
}

// Three has three unnamed results of which the last is an error.
//
//zipkin:trace
func Three(ctx context.Context) (_ int, _ []string, err error) {
	_, span := zipkin.Start(ctx, "resultsunnamed.Three") //zipkin:generated results
	defer span.End(&err)                                 //zipkin:generated
	return 0, nil, io.ErrUnexpectedEOF
}
