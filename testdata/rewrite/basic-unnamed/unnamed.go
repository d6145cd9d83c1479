// Package unnamed traces functions with unnamed and blank parameters and
// results: the generator names them and records how, for -strip.
package unnamed

import "context"

// Unnamed has only unnamed parameters and results.
//
//zipkin:trace
func Unnamed(context.Context, int) (string, error) {
	return "", nil
}

// Blank has a blank context and a blank error result.
//
//zipkin:trace
func Blank(_ context.Context, n int) (m int, _ error) {
	m = n
	return m, nil
}
