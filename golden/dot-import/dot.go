// Package dotimport uses dot imports, including one of context: the context
// type is found by type, not by its spelling.
package dotimport

import (
	. "context"
	. "strings"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Clean takes a dot-imported Context.
//
//zipkin:trace
//zipkin:tag len Count(s, "")
func Clean(ctx Context, s string) string {
	_, span := zipkin.Start(ctx, "dotimport.Clean") //zipkin:generated
	defer span.End(nil)                             //zipkin:generated
	if span.IsRecording() {                         //zipkin:generated
		span.TagInt("len", int64(Count(s, ""))) //zipkin:generated
	} //zipkin:generated
	return TrimSpace(s)
}

// Root uses a dot-imported function in its body; it has no context source.
//
//zipkin:trace
func Root() Context {
	_, span := zipkin.StartRoot("dotimport.Root") //zipkin:generated
	defer span.End(nil)                           //zipkin:generated
	return Background()
}
