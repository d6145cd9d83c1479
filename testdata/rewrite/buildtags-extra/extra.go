//go:build zipkinextra

package buildtagsextra

import "context"

// Extra is only built with -tags zipkinextra, which this case passes.
//
//zipkin:trace
func Extra(ctx context.Context) string { return "extra" }
