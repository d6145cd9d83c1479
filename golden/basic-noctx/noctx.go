// Package noctx traces a function without any context source: a new root.
package noctx

import (
	"strings"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Upper has no context: it starts a new trace.
//
//zipkin:trace
func Upper(s string) string {
	_, span := zipkin.StartRoot("noctx.Upper") //zipkin:generated oneline
	defer span.End(nil)                        //zipkin:generated
	return strings.ToUpper(s)
}
