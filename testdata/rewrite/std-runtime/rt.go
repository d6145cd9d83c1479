// Package stdruntime imports the standard library's runtime next to the
// generated import of runtime/zipkin.
package stdruntime

import (
	"context"
	"runtime"
)

// Goroutines reports the number of goroutines.
//
//zipkin:trace
//zipkin:tag goos runtime.GOOS
func Goroutines(ctx context.Context) int {
	return runtime.NumGoroutine()
}
