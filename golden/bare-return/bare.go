// Package barereturn traces functions that end with bare returns: the error
// recorded is the value of the named result at the return.
package barereturn

import (
	"context"
	"fmt"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Divide sets its named results and returns bare on every path.
//
//zipkin:trace
func Divide(ctx context.Context, a, b int) (q, r int, err error) {
	_, span := zipkin.Start(ctx, "barereturn.Divide") //zipkin:generated
	defer span.End(&err)                              //zipkin:generated
	if b == 0 {
		err = fmt.Errorf("divide %d by zero", a)
		return
	}
	q, r = a/b, a%b
	return
}

// Loop returns bare from inside a loop and a switch.
//
//zipkin:trace
func Loop(ctx context.Context, xs []int) (idx int, err error) {
	_, span := zipkin.Start(ctx, "barereturn.Loop") //zipkin:generated
	defer span.End(&err)                            //zipkin:generated
	for idx = range xs {
		switch {
		case xs[idx] < 0:
			err = fmt.Errorf("negative at %d", idx)
			return
		case xs[idx] == 0:
			return
		}
	}
	idx = -1
	return
}
