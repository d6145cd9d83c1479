package errutf8

import "context"

// G says café in Latin-1.
//
//zipkin:trace
func G(ctx context.Context) {}
