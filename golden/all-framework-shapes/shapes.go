// Package allframeworkshapes is rewritten with -all: the instrumentation
// calls no method the code does not call, so sources reached by a field or
// by being a context are traced, and sources reached only through a
// method (Request(), Context()) are not.
package allframeworkshapes

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// GinContext is shaped like gin's *gin.Context.
type GinContext struct{ Request *http.Request }

// EchoContext is shaped like echo's echo.Context.
type EchoContext interface {
	Request() *http.Request
	SetRequest(r *http.Request)
}

// ClientStream is shaped like a gRPC client stream, whose Context()
// commits the retry attempt.
type ClientStream interface {
	Context() context.Context
	Recv() (string, error)
}

// Lookup is a callee.
func Lookup(ctx context.Context) string {
	_, span := zipkin.Start(ctx, "allframeworkshapes.Lookup") //zipkin:generated oneline
	defer span.End(nil)                                       //zipkin:generated
	return "x"
}

// GinHandler reaches the request through a field: traced.
func GinHandler(c *GinContext) {
	req, span := zipkin.StartRequest(c.Request, "allframeworkshapes.GinHandler") //zipkin:generated oneline
	c.Request = req                                                              //zipkin:generated
	defer span.End(nil)                                                          //zipkin:generated
	Lookup(c.Request.Context())
}

// EchoHandler reaches it only through c.Request(): not traced.
func EchoHandler(c EchoContext) error { return nil }

// Consume reaches its context only through s.Context(): not traced.
func Consume(s ClientStream) (string, error) { return s.Recv() }

// Decode takes a response, whose Request field is the request that was
// sent: not a request context, not traced.
func Decode(resp *http.Response) error { return nil }

// Retry takes a context through a type parameter: traced.
func Retry[C context.Context](c C, n int) int {
	_, span := zipkin.Start(c, "allframeworkshapes.Retry") //zipkin:generated oneline
	defer span.End(nil)                                    //zipkin:generated
	return n
}
