//go:build amd64

// Package allnobody is rewritten with -all: functions without a body are
// skipped without an error, since nobody marked them.
package allnobody

import "context"

// Sum is implemented in sum_amd64.s.
func Sum(ctx context.Context, a, b int64) int64

// Use has a body and a context: traced.
func Use(ctx context.Context) int64 { return Sum(ctx, 3, 4) }
