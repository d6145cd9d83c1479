package errencoding

import "context"

// G says café in Latin-1.
//
//zipkin:trace
func G(ctx context.Context) {}
