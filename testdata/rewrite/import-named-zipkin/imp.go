// Package importnamedzipkin imports another package under the name zipkin:
// the runtime must be imported under another name in that file.
package importnamedzipkin

import (
	"context"
	zipkin "strings"
)

// Upper uses the other zipkin.
//
//zipkin:trace
func Upper(ctx context.Context, s string) string {
	return zipkin.ToUpper(s)
}
