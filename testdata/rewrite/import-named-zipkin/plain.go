package importnamedzipkin

import "context"

// Plain is in a file where the name zipkin is free in the file, but the
// package has a file that imports another zipkin: file scopes are separate,
// so the plain import name is allowed here.
//
//zipkin:trace
func Plain(ctx context.Context) string {
	return Upper(ctx, "plain")
}
