// Package frameworkshapes traces handlers of framework request contexts
// recognised by their shape, not their package: a gin-like context with a
// Request *http.Request field (which, like gin's, is also a
// context.Context), and an echo-like interface with Request() and
// SetRequest(*http.Request).
package frameworkshapes

import (
	"context"
	"net/http"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// GinContext is shaped like gin's *gin.Context.
type GinContext struct {
	Request *http.Request
	Keys    map[string]any
}

// Deadline, Done, Err and Value make *GinContext a context.Context that,
// like gin's without ContextWithFallback, does not consult the request.
func (c *GinContext) Deadline() (time.Time, bool) { return time.Time{}, false }

// Done is never closed.
func (c *GinContext) Done() <-chan struct{} { return nil }

// Err is always nil.
func (c *GinContext) Err() error { return nil }

// Value reads c.Keys only.
func (c *GinContext) Value(key any) any {
	if k, ok := key.(string); ok {
		return c.Keys[k]
	}
	return nil
}

// EchoContext is shaped like echo's echo.Context: no Context method.
type EchoContext interface {
	Request() *http.Request
	SetRequest(r *http.Request)
	String(code int, s string) error
}

// Lookup is a callee that takes the request's context.
//
//zipkin:trace
func Lookup(ctx context.Context, id string) string {
	_, span := zipkin.Start(ctx, "frameworkshapes.Lookup") //zipkin:generated oneline
	defer span.End(nil)                                    //zipkin:generated
	return "item-" + id
}

// GetItem is a gin-style handler.
//
//zipkin:trace
//zipkin:tag item.id c.Request.URL.Query().Get("id")
func GetItem(c *GinContext) {
	req, span := zipkin.StartRequest(c.Request, "frameworkshapes.GetItem") //zipkin:generated
	c.Request = req                                                        //zipkin:generated
	defer span.End(nil)                                                    //zipkin:generated
	if span.IsRecording() {                                                //zipkin:generated
		span.Tag("item.id", c.Request.URL.Query().Get("id")) //zipkin:generated
	} //zipkin:generated
	c.Keys = map[string]any{"item": Lookup(c.Request.Context(), c.Request.URL.Query().Get("id"))}
}

// UserID is a helper that takes the context in the middle of a handler:
// the span joins the request's trace, but c.Request is left as it was.
//
//zipkin:trace
func UserID(c *GinContext, key string) string {
	_, span := zipkin.StartRequest(c.Request, "frameworkshapes.UserID") //zipkin:generated
	defer span.End(nil)                                                 //zipkin:generated
	return Lookup(c.Request.Context(), c.Request.URL.Query().Get(key))
}

// Ping is a gin-style handler that never reads its context.
//
//zipkin:trace
func Ping(c *GinContext) {
	_, span := zipkin.StartRequest(c.Request, "frameworkshapes.Ping") //zipkin:generated oneline
	defer span.End(nil)                                               //zipkin:generated
}

// GetUser is an echo-style handler.
//
//zipkin:trace kind=server
func GetUser(c EchoContext) (err error) {
	req, span := zipkin.StartRequest(c.Request(), "frameworkshapes.GetUser") //zipkin:generated results
	c.SetRequest(req)                                                        //zipkin:generated
	defer span.End(&err)                                                     //zipkin:generated
	span.SetKind(zipkin.Server)                                              //zipkin:generated
	return c.String(http.StatusOK, Lookup(c.Request().Context(), c.Request().URL.Query().Get("id")))
}
