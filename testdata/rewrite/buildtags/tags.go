// Package buildtags has files behind build constraints: the file excluded
// by default is neither loaded nor rewritten (it is reported in the notes),
// the included one is.
package buildtags

import "context"

// Always is in the file without constraints.
//
//zipkin:trace
func Always(ctx context.Context) string { return platform() }
