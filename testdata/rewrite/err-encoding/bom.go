package errencoding

import "context"

//zipkin:trace
func F(ctx context.Context) {}
