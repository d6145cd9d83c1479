// Package errinterfacemethod marks interface methods, which have no body:
// an error, since there is nothing to instrument.
package errinterfacemethod

import "context"

// Store is an interface.
type Store interface {
	// Get is a method without a body.
	//
	//zipkin:trace
	Get(ctx context.Context, key string) (string, error)
}

// Func is a function type.
//
//zipkin:trace
type Func func(ctx context.Context) error
