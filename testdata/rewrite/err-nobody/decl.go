//go:build amd64

// Package errnobody marks a function without a body (implemented in
// assembly): an error, since there is nothing to instrument.
package errnobody

import "context"

// Add is implemented in add_amd64.s.
//
//zipkin:trace
func Add(a, b int64) int64

// Sum is implemented in add_amd64.s and takes a context.
//
//zipkin:trace
func Sum(ctx context.Context, a, b int64) int64

// Use keeps the declarations used.
func Use(ctx context.Context) int64 { return Add(1, 2) + Sum(ctx, 3, 4) }
