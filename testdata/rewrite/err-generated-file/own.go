package errgeneratedfile

import "context"

//zipkin:trace
func Own(ctx context.Context) int { return Generated(ctx) }
