//go:build unix

package buildtagsextra

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

func platform() string { return "unix" }

// OnUnix is traced on every unix system, this one included.
//
//zipkin:trace
func OnUnix(ctx context.Context) string {
	_, span := zipkin.Start(ctx, "buildtagsextra.OnUnix") //zipkin:generated oneline
	defer span.End(nil)                                   //zipkin:generated
	return "unix"
}
