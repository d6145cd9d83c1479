// Package deferrewriteserr traces functions whose own defers change err
// after the return statement: the recorded error is the final value.
package deferrewriteserr

import (
	"context"
	"errors"
	"fmt"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// ErrBase is the error before wrapping.
var ErrBase = errors.New("base")

// Wrap returns ErrBase, which its defer wraps.
//
//zipkin:trace
func Wrap(ctx context.Context) (err error) {
	_, span := zipkin.Start(ctx, "deferrewriteserr.Wrap") //zipkin:generated
	defer span.End(&err)                                  //zipkin:generated
	defer func() {
		if err != nil {
			err = fmt.Errorf("wrapped: %w", err)
		}
	}()
	return ErrBase
}

// Clear returns an error that its defer clears: no error is recorded.
//
//zipkin:trace
func Clear(ctx context.Context) (err error) {
	_, span := zipkin.Start(ctx, "deferrewriteserr.Clear") //zipkin:generated
	defer span.End(&err)                                   //zipkin:generated
	defer func() { err = nil }()
	return ErrBase
}

// Late returns nil and its defer sets an error (as a failed Close would).
//
//zipkin:trace
func Late(ctx context.Context) (n int, err error) {
	_, span := zipkin.Start(ctx, "deferrewriteserr.Late") //zipkin:generated
	defer span.End(&err)                                  //zipkin:generated
	defer func() {
		if cerr := closeIt(); err == nil {
			err = cerr
		}
	}()
	return 42, nil
}

func closeIt() error { return errors.New("close failed") }
