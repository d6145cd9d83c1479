// Package allgeneratedfile is rewritten with -all; its generated file is
// left alone.
package allgeneratedfile

import "context"

// Own is traced.
func Own(ctx context.Context) int { return Generated(ctx) }
