// Package recoveruser traces functions that recover their own panics: the
// span sees the error the user's defer produced, and no panic.
package recoveruser

import (
	"context"
	"fmt"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Safe converts a panic into an error.
//
//zipkin:trace
func Safe(ctx context.Context, f func()) (err error) {
	_, span := zipkin.Start(ctx, "recoveruser.Safe") //zipkin:generated
	defer span.End(&err)                             //zipkin:generated
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
	_, span := zipkin.Start(ctx, "recoveruser.Swallow") //zipkin:generated
	defer span.End(nil)                                 //zipkin:generated
	defer func() { _ = recover() }()
	panic("swallowed")
}

// Crash does not recover: the panic is recorded and re-raised.
//
//zipkin:trace
func Crash(ctx context.Context, msg string) {
	_, span := zipkin.Start(ctx, "recoveruser.Crash") //zipkin:generated
	defer span.End(nil)                               //zipkin:generated
	panic(msg)
}

// CrashError panics with an error value.
//
//zipkin:trace
func CrashError(ctx context.Context) (err error) {
	_, span := zipkin.Start(ctx, "recoveruser.CrashError") //zipkin:generated results
	defer span.End(&err)                                   //zipkin:generated
	panic(fmt.Errorf("crash %d", 7))
}
