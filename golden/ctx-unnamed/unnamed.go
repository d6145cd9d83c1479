// Package ctxunnamed traces functions whose parameters are all unnamed: the
// generator names them (marker word "params").
package ctxunnamed

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Unnamed has only unnamed parameters.
//
//zipkin:trace
func Unnamed(ctx context.Context, _ int, _ ...string) {
	_, span := zipkin.Start(ctx, "ctxunnamed.Unnamed") //zipkin:generated params oneline
	defer span.End(nil)                                //zipkin:generated
}

// Handler has unnamed parameters of an http handler.
//
//zipkin:trace
func Handler(_ http.ResponseWriter, r *http.Request) {
	_, span := zipkin.StartRequest(r, "ctxunnamed.Handler") //zipkin:generated params oneline
	defer span.End(nil)                                     //zipkin:generated
}

// UnnamedResults has unnamed parameters and results.
//
//zipkin:trace
func UnnamedResults(ctx context.Context, _ string) (_ int, err error) {
	_, span := zipkin.Start(ctx, "ctxunnamed.UnnamedResults") //zipkin:generated params results oneline
	defer span.End(&err)                                      //zipkin:generated
	return 0, nil
}

// Iface is implemented with unnamed parameters.
type Iface struct{}

// Do is a method with unnamed parameters.
//
//zipkin:trace
func (Iface) Do(ctx context.Context) (err error) {
	_, span := zipkin.Start(ctx, "ctxunnamed.Iface.Do") //zipkin:generated params results oneline
	defer span.End(&err)                                //zipkin:generated
	return nil
}
