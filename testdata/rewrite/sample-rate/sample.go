// Package samplerate gives traced functions that start traces their own
// sample rate.
package samplerate

import (
	"context"
	"net/http"
)

// Sweep is a batch loop: each run starts a trace, and none is wanted.
//
//zipkin:trace sample=0
func Sweep() {}

// Everything starts traces that are all kept, whatever the tracer's rate.
//
//zipkin:trace sample=1 kind=consumer
func Everything() {}

// Consume joins its caller's trace: the caller's decision stands.
//
//zipkin:trace name="consume" sample=0.01
func Consume(ctx context.Context) error {
	_ = ctx
	return nil
}

// Handle starts from a request.
//
//zipkin:trace sample=.5
func Handle(w http.ResponseWriter, r *http.Request) {
	_ = r.Context()
}
