// Package buildtagsextra is buildtags rewritten with -tags=zipkinextra:
// the file behind that tag is loaded and rewritten too, the one excluded by
// it (!unix here) is not.
package buildtagsextra

import "context"

// Always is in the file without constraints.
//
//zipkin:trace
func Always(ctx context.Context) string { return platform() }
