package pkgidentzipkin

import "context"

// Default uses the package-level zipkin type from another file.
//
//zipkin:trace
func Default(ctx context.Context) bool {
	return Configured(ctx, zipkin{endpoint: "http://localhost:9411"})
}
