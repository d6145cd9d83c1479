package ignore

import "context"

// OnlyIgnored is in a file without any trace: the file is not touched.
//
//zipkin:ignore
func OnlyIgnored(ctx context.Context) {}
