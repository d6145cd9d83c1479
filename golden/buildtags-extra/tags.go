// Package buildtagsextra is buildtags rewritten with -tags=zipkinextra:
// the file behind that tag is loaded and rewritten too, the one excluded by
// it (!unix here) is not.
package buildtagsextra

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Always is in the file without constraints.
//
//zipkin:trace
func Always(ctx context.Context) string {
	_, span := zipkin.Start(ctx, "buildtagsextra.Always") //zipkin:generated oneline
	defer span.End(nil)                                   //zipkin:generated
	return platform()
}
