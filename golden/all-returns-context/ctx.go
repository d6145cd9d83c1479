// Package allreturnscontext is rewritten with -all over helpers that return
// a context derived from their parameter: the span of such a helper must
// not become the parent of whatever the caller does next with the returned
// context.
package allreturnscontext

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

type userKey struct{}

// WithUser returns ctx carrying a user.
func WithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

// User reads the user from ctx.
func User(ctx context.Context) string {
	ctx, span := zipkin.Start(ctx, "allreturnscontext.User") //zipkin:generated
	defer span.End(nil)                                      //zipkin:generated
	u, _ := ctx.Value(userKey{}).(string)
	return u
}

// WithCancel wraps context.WithCancel, returning two results.
func WithCancel(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}

// Authenticated returns the request with a user in its context.
func Authenticated(r *http.Request) *http.Request {
	return r.WithContext(WithUser(r.Context(), "alice"))
}

// Work is an operation that callers run with the returned contexts.
func Work(ctx context.Context) string {
	ctx, span := zipkin.Start(ctx, "allreturnscontext.Work") //zipkin:generated oneline
	defer span.End(nil)                                      //zipkin:generated
	return User(ctx)
}
