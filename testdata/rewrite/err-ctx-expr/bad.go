package errctxexpr

import (
	"context"
	"net/http"
)

//zipkin:trace ctx=c.UserContext()
func Undefined(r *http.Request) {}

//zipkin:trace ctx=r
func NotAContext(r *http.Request) {}

//zipkin:trace ctx=f(
func Syntax(ctx context.Context) {}

//zipkin:trace ctx=ctx.Value(1)
func Any(ctx context.Context) {}
