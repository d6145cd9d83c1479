// Package pkgidentzipkin declares a package-level identifier named zipkin:
// the runtime must be imported under another name.
package pkgidentzipkin

import (
	"context"

	zipkingen "github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

type zipkin struct{ endpoint string }

// Configured reports whether z has an endpoint.
//
//zipkin:trace
func Configured(ctx context.Context, z zipkin) bool {
	_, span := zipkingen.Start(ctx, "pkgidentzipkin.Configured") //zipkin:generated
	defer span.End(nil)                                          //zipkin:generated
	return z.endpoint != ""
}
