package importnamedzipkin

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Plain is in a file where the name zipkin is free in the file, but the
// package has a file that imports another zipkin: file scopes are separate,
// so the plain import name is allowed here.
//
//zipkin:trace
func Plain(ctx context.Context) string {
	ctx, span := zipkin.Start(ctx, "importnamedzipkin.Plain") //zipkin:generated
	defer span.End(nil)                                       //zipkin:generated
	return Upper(ctx, "plain")
}
