// Package cgo traces a function in a cgo file: the runtime import must not
// be added to the import "C" declaration, whose doc comment is the preamble.
package cgo

/*
#include <stdlib.h>

static int add(int a, int b) { return a + b; }
*/
import "C"

import "context"

// Add adds in C.
//
//zipkin:trace
//zipkin:tag a a
func Add(ctx context.Context, a, b int) int {
	return int(C.add(C.int(a), C.int(b)))
}
