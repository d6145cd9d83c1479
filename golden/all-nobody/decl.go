//go:build amd64

// Package allnobody is rewritten with -all: functions without a body are
// skipped without an error, since nobody marked them.
package allnobody

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Sum is implemented in sum_amd64.s.
func Sum(ctx context.Context, a, b int64) int64

// Use has a body and a context: traced.
func Use(ctx context.Context) int64 {
	ctx, span := zipkin.Start(ctx, "allnobody.Use") //zipkin:generated oneline
	defer span.End(nil)                             //zipkin:generated
	return Sum(ctx, 3, 4)
}
