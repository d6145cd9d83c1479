// Package pkgidentzipkin declares a package-level identifier named zipkin:
// the runtime must be imported under another name.
package pkgidentzipkin

import "context"

type zipkin struct{ endpoint string }

// Configured reports whether z has an endpoint.
//
//zipkin:trace
func Configured(ctx context.Context, z zipkin) bool {
	return z.endpoint != ""
}
