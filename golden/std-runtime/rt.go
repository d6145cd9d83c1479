// Package stdruntime imports the standard library's runtime next to the
// generated import of runtime/zipkin.
package stdruntime

import (
	"context"
	"runtime"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Goroutines reports the number of goroutines.
//
//zipkin:trace
//zipkin:tag goos runtime.GOOS
func Goroutines(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "stdruntime.Goroutines") //zipkin:generated
	defer span.End(nil)                                   //zipkin:generated
	span.Tag("goos", runtime.GOOS)                        //zipkin:generated
	return runtime.NumGoroutine()
}
