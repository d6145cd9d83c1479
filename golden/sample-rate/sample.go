// Package samplerate gives traced functions that start traces their own
// sample rate.
package samplerate

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Sweep is a batch loop: each run starts a trace, and none is wanted.
//
//zipkin:trace sample=0
func Sweep() {
	_, span := zipkin.StartRoot("samplerate.Sweep", zipkin.WithSampleRate(0)) //zipkin:generated oneline
	defer span.End(nil)                                                       //zipkin:generated
}

// Everything starts traces that are all kept, whatever the tracer's rate.
//
//zipkin:trace sample=1 kind=consumer
func Everything() {
	_, span := zipkin.StartRoot("samplerate.Everything", zipkin.WithSampleRate(1)) //zipkin:generated oneline
	defer span.End(nil)                                                            //zipkin:generated
	span.SetKind(zipkin.Consumer)                                                  //zipkin:generated
}

// Consume joins its caller's trace: the caller's decision stands.
//
//zipkin:trace name="consume" sample=0.01
func Consume(ctx context.Context) (err error) {
	ctx, span := zipkin.Start(ctx, "consume", zipkin.WithSampleRate(0.01)) //zipkin:generated results
	defer span.End(&err)                                                   //zipkin:generated
	_ = ctx
	return nil
}

// Handle starts from a request.
//
//zipkin:trace sample=.5
func Handle(w http.ResponseWriter, r *http.Request) {
	r, span := zipkin.StartRequest(r, "samplerate.Handle", zipkin.WithSampleRate(.5)) //zipkin:generated
	defer span.End(nil)                                                               //zipkin:generated
	_ = r.Context()
}
