package zipkingin

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// Middleware returns gin middleware that records a SERVER span for each
// request, as zipkinhttp.Middleware does for a ServeMux: it joins the
// trace in the request's headers (any propagation format; none with
// o.UntrustedEdge), leaves out o.SkipPaths and o.Skip, writes the trace
// headers into the response with o.InjectResponseHeaders, and tags
// http.method, http.path, http.route, http.status_code, and error on a 5xx
// status (the last of c.Errors when the handlers added one, else the code)
// or a panic (recorded, then raised again).
//
// The span is named by the method and gin's route template, c.FullPath()
// ("GET /items/:id"), or by the method alone when no route matched; never
// by the raw path. o.SpanName, when set, sees c.Request with Pattern set to
// "METHOD template". A handler can name the span itself with
// zipkin.SpanFromContext(c.Request.Context()).SetName(...); that name is
// kept. o.Route is not used: gin knows the route.
//
// The span travels in c.Request's context, so handlers start their own
// spans from c.Request.Context(). gin's *gin.Context is a context.Context
// too, but it consults the request's context only when the engine sets
// ContextWithFallback: set it to pass c itself.
//
// Register it with engine.Use, after gin.Recovery (so that a panic reaches
// this middleware first and is recorded) and before the routes.
func Middleware(o zipkinhttp.ServerOptions) gin.HandlerFunc {
	s := zipkinhttp.NewServer(o)
	return func(c *gin.Context) {
		r, span := s.Start(c.Writer, c.Request)
		c.Request = r
		if span == nil { // disabled, skipped or not sampled
			c.Next()
			return
		}
		defer finish(s, span, c, r)
		c.Next()
	}
}

// finish is the deferred function itself, so that its recover sees a
// handler's panic, which Server.Finish records and raises again.
func finish(s *zipkinhttp.Server, span *zipkin.Span, c *gin.Context, r *http.Request) {
	p := recover()
	out := zipkinhttp.Outcome{Route: c.FullPath(), Status: c.Writer.Status()}
	if last := c.Errors.Last(); last != nil {
		out.Err = last
	}
	s.Finish(span, r, out, p)
}
