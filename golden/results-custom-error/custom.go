// Package resultscustomerror traces functions whose last result implements
// error without being of type error: only a result of type error is
// recorded (a *MyErr cannot be passed as *error), and the output must still
// compile.
package resultscustomerror

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// MyErr is a concrete error type.
type MyErr struct{ Code int }

func (e *MyErr) Error() string { return "my error" }

// Concrete returns a *MyErr.
//
//zipkin:trace
func Concrete(ctx context.Context, fail bool) *MyErr {
	_, span := zipkin.Start(ctx, "resultscustomerror.Concrete") //zipkin:generated
	defer span.End(nil)                                         //zipkin:generated
	if fail {
		return &MyErr{Code: 1}
	}
	return nil
}

// Errno is an integer error type.
type Errno int

func (e Errno) Error() string { return "errno" }

// Number returns an Errno and an error: the error is recorded.
//
//zipkin:trace
func Number(ctx context.Context) (_ Errno, err error) {
	_, span := zipkin.Start(ctx, "resultscustomerror.Number") //zipkin:generated results
	defer span.End(&err)                                      //zipkin:generated
	return 5, errors.New("number failed")
}

// ErrorFirst has the error first and an int last: the last result is not
// an error, so nothing is recorded.
//
//zipkin:trace
func ErrorFirst(ctx context.Context) (err error, _ int) {
	_, span := zipkin.Start(ctx, "resultscustomerror.ErrorFirst") //zipkin:generated results
	defer span.End(&err)                                          //zipkin:generated
	return errors.New("first"), 1
}
