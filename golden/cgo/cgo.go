// Package cgo traces a function in a cgo file: the runtime import must not
// be added to the import "C" declaration, whose doc comment is the preamble.
package cgo

/*
#include <stdlib.h>

static int add(int a, int b) { return a + b; }
*/
import "C"

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Add adds in C.
//
//zipkin:trace
//zipkin:tag a a
func Add(ctx context.Context, a, b int) int {
	_, span := zipkin.Start(ctx, "cgo.Add") //zipkin:generated
	defer span.End(nil)                     //zipkin:generated
	span.TagInt("a", int64(a))              //zipkin:generated
	return int(C.add(C.int(a), C.int(b)))
}
