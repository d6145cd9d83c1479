// Package ctxunnamed traces functions whose parameters are all unnamed: the
// generator names them (marker word "params").
package ctxunnamed

import (
	"context"
	"net/http"
)

// Unnamed has only unnamed parameters.
//
//zipkin:trace
func Unnamed(context.Context, int, ...string) {}

// Handler has unnamed parameters of an http handler.
//
//zipkin:trace
func Handler(http.ResponseWriter, *http.Request) {}

// UnnamedResults has unnamed parameters and results.
//
//zipkin:trace
func UnnamedResults(context.Context, string) (int, error) { return 0, nil }

// Iface is implemented with unnamed parameters.
type Iface struct{}

// Do is a method with unnamed parameters.
//
//zipkin:trace
func (Iface) Do(context.Context) error { return nil }
