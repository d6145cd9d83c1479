package pkgidentzipkin

import (
	"context"

	zipkingen "github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Default uses the package-level zipkin type from another file.
//
//zipkin:trace
func Default(ctx context.Context) bool {
	ctx, span := zipkingen.Start(ctx, "pkgidentzipkin.Default") //zipkin:generated
	defer span.End(nil)                                         //zipkin:generated
	return Configured(ctx, zipkin{endpoint: "http://localhost:9411"})
}
