// Package errtraceandignore both traces and ignores a function, and traces
// one twice.
package errtraceandignore

import "context"

// Both is traced and ignored.
//
//zipkin:trace
//zipkin:ignore
func Both(ctx context.Context) {}

// Twice is traced twice.
//
//zipkin:trace
//zipkin:trace name="again"
func Twice(ctx context.Context) {}
