//go:build zipkinextra

package buildtagsextra

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Extra is only built with -tags zipkinextra, which this case passes.
//
//zipkin:trace
func Extra(ctx context.Context) string {
	_, span := zipkin.Start(ctx, "buildtagsextra.Extra") //zipkin:generated oneline
	defer span.End(nil)                                  //zipkin:generated
	return "extra"
}
