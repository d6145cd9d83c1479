// Package importnamedzipkin imports another package under the name zipkin:
// the runtime must be imported under another name in that file.
package importnamedzipkin

import (
	"context"
	zipkin "strings"

	zipkingen "github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Upper uses the other zipkin.
//
//zipkin:trace
func Upper(ctx context.Context, s string) string {
	_, span := zipkingen.Start(ctx, "importnamedzipkin.Upper") //zipkin:generated
	defer span.End(nil)                                        //zipkin:generated
	return zipkin.ToUpper(s)
}
