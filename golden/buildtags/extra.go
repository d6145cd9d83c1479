//go:build zipkinextra

package buildtags

import "context"

// Extra is only built with -tags zipkinextra: by default this file is left
// exactly as it is, directive and all.
//
//zipkin:trace
func Extra(ctx context.Context) string { return "extra" }
