package cgo

// #include <stdlib.h>
import "C"

import (
	"unsafe"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Alloc has no context source and its file imports only "C" and unsafe: the
// runtime import goes into a new declaration after them.
//
//zipkin:trace
func Alloc(n int) uintptr {
	_, span := zipkin.StartRoot("cgo.Alloc") //zipkin:generated
	defer span.End(nil)                      //zipkin:generated
	p := C.malloc(C.size_t(n))
	defer C.free(p)
	return uintptr(unsafe.Pointer(p))
}
