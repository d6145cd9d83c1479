// Package ctxnotfirst finds the first context parameter wherever it is.
package ctxnotfirst

import "context"

// Later takes the context after other parameters.
//
//zipkin:trace
func Later(id string, n int, ctx context.Context) string { return id }

// Two takes two contexts: the first one is the parent.
//
//zipkin:trace
func Two(parent, other context.Context) context.Context { return other }
