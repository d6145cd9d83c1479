// Package recoveruser traces functions that recover their own panics: the
// span sees the error the user's defer produced, and no panic.
package recoveruser

import (
	"context"
	"fmt"
)

// Safe converts a panic into an error.
//
//zipkin:trace
func Safe(ctx context.Context, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	f()
	return nil
}

// Swallow recovers and forgets: the span ends without an error.
//
//zipkin:trace
func Swallow(ctx context.Context) {
	defer func() { _ = recover() }()
	panic("swallowed")
}

// Crash does not recover: the panic is recorded and re-raised.
//
//zipkin:trace
func Crash(ctx context.Context, msg string) {
	panic(msg)
}

// CrashError panics with an error value.
//
//zipkin:trace
func CrashError(ctx context.Context) error {
	panic(fmt.Errorf("crash %d", 7))
}
