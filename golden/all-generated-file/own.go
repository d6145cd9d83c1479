// Package allgeneratedfile is rewritten with -all; its generated file is
// left alone.
package allgeneratedfile

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Own is traced.
func Own(ctx context.Context) int {
	ctx, span := zipkin.Start(ctx, "allgeneratedfile.Own") //zipkin:generated oneline
	defer span.End(nil)                                    //zipkin:generated
	return Generated(ctx)
}
