// Package noctx traces a function without any context source: a new root.
package noctx

import "strings"

// Upper has no context: it starts a new trace.
//
//zipkin:trace
func Upper(s string) string { return strings.ToUpper(s) }
