// Package dotimport uses dot imports, including one of context: the context
// type is found by type, not by its spelling.
package dotimport

import (
	. "context"
	. "strings"
)

// Clean takes a dot-imported Context.
//
//zipkin:trace
//zipkin:tag len Count(s, "")
func Clean(ctx Context, s string) string {
	return TrimSpace(s)
}

// Root uses a dot-imported function in its body; it has no context source.
//
//zipkin:trace
func Root() Context {
	return Background()
}
