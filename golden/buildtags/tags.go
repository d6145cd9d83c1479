// Package buildtags has files behind build constraints: the file excluded
// by default is neither loaded nor rewritten (it is reported in the notes),
// the included one is.
package buildtags

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Always is in the file without constraints.
//
//zipkin:trace
func Always(ctx context.Context) string {
	_, span := zipkin.Start(ctx, "buildtags.Always") //zipkin:generated oneline
	defer span.End(nil)                              //zipkin:generated
	return platform()
}
