package zipkinecho

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// Middleware returns echo middleware that records a SERVER span for each
// request, as zipkinhttp.Middleware does for a ServeMux: it joins the
// trace in the request's headers (any propagation format; none with
// o.UntrustedEdge), leaves out o.SkipPaths and o.Skip, writes the trace
// headers into the response with o.InjectResponseHeaders, and tags
// http.method, http.path, http.route, http.status_code, and error on a 5xx
// status (the message of the error the handler returned, else the code)
// or a panic (recorded, then raised again).
//
// The span is named by the method and echo's route template, c.Path()
// ("GET /items/:id"), or by the method alone when no route matched; never
// by the raw path. o.SpanName, when set, sees the request with Pattern set
// to "METHOD template". A handler can name the span itself with
// zipkin.SpanFromContext(c.Request().Context()).SetName(...); that name is
// kept. o.Route is not used: echo knows the route.
//
// The span travels in the request's context (c.SetRequest), so handlers
// start their own spans from c.Request().Context(); echo.Context has no
// context of its own.
//
// An error a handler returns is handed to echo's HTTPErrorHandler here,
// through c.Error, so that the span records the status it sends; the error
// is then returned unchanged. echo's DefaultHTTPErrorHandler writes nothing
// for a response already committed; a custom one should check
// c.Response().Committed too, as echo's own Logger middleware relies on.
//
// Register it with e.Use, after middleware.Recover (so that a panic
// reaches this middleware first and is recorded).
func Middleware(o zipkinhttp.ServerOptions) echo.MiddlewareFunc {
	s := zipkinhttp.NewServer(o)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			r, span := s.Start(c.Response(), c.Request())
			c.SetRequest(r)
			if span == nil { // disabled, skipped or not sampled
				return next(c)
			}
			defer finish(s, span, c, r, &err)
			if err = next(c); err != nil {
				c.Error(err)
			}
			return err
		}
	}
}

// finish is the deferred function itself, so that its recover sees a
// handler's panic, which Server.Finish records and raises again.
func finish(s *zipkinhttp.Server, span *zipkin.Span, c echo.Context, r *http.Request, errp *error) {
	p := recover()
	out := zipkinhttp.Outcome{Route: c.Path(), Status: c.Response().Status, Err: *errp}
	s.Finish(span, r, out, p)
}
