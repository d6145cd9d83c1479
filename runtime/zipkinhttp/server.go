package zipkinhttp

import (
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// ServerOptions configures Middleware. The zero value traces every request
// with the default tracer, trusts incoming trace headers and names spans
// "METHOD route".
type ServerOptions struct {
	// Tracer records the spans. Nil: zipkin.Default(), looked up per
	// request, so that a later zipkin.SetDefault takes effect.
	Tracer *zipkin.Tracer

	// SpanName names the span. It is called after the handler returned,
	// with the request as routed (r.Pattern set by a ServeMux). Nil: the
	// method and the route pattern ("GET /items/{id}"), or the method alone
	// when no pattern matched; never the raw path, which would make one
	// span name per URL.
	SpanName func(r *http.Request) string

	// SkipPaths lists URL paths that are not traced: health checks, metrics
	// scrapes. An entry matches r.URL.Path exactly, or, when it ends in
	// "/", every path under it ("/static/"), as ServeMux subtree patterns
	// do.
	SkipPaths []string
	// Skip reports whether a request is not traced; it runs before
	// routing. Nil: only SkipPaths are skipped.
	Skip func(r *http.Request) bool

	// InjectResponseHeaders writes the server span's trace context into
	// the response headers (in the tracer's propagation formats), so that
	// a caller without tracing can find its trace, as starlette-zipkin's
	// inject_response_headers does.
	InjectResponseHeaders bool

	// Route returns the template of the route that served r, without the
	// method ("/items/{id}"), for the span name and the http.route tag; ""
	// when none matched. Middleware calls it after the handler returned.
	// Nil: the route of r.Pattern, which a ServeMux sets, and chi v5.3 and
	// later too on the request it routes. Set it for a router that keeps
	// its route elsewhere, with Middleware installed inside the router.
	// For chi, where a middleware registered after this one that replaces
	// the request (middleware.RequestID does) hides r.Pattern:
	//
	//	Route: func(r *http.Request) string { return chi.RouteContext(r.Context()).RoutePattern() }
	Route func(r *http.Request) string

	// UntrustedEdge ignores incoming trace headers: every request starts a
	// new trace with the local sampling decision. Set it on servers that
	// face the internet, where a client could otherwise force sampling (or
	// debug) on every request, or attach spans to someone else's trace.
	UntrustedEdge bool

	// IsError decides from the response status whether the span is an
	// error (tagged "error"); err is the error a router adapter's handler
	// reported (runtime/zipkingin, runtime/zipkinecho), nil behind
	// Middleware, which sees only a status. Nil: a 5xx status, whatever
	// the error (a handler's error with a 4xx status is the client's
	// mistake). A panic in the handler is an error regardless.
	IsError ErrorRule

	// SamplingRules decide the traces that requests start here (no parent,
	// a parent without a decision, or any request at an UntrustedEdge), by
	// method and URL path; the first matching rule decides, the tracer's
	// sampler otherwise. A parent's decision still stands.
	SamplingRules zipkin.SamplingRules
}

// Middleware returns a handler that records a SERVER span for each request
// served by next, joining the trace in the request's headers (any
// propagation format) unless o.UntrustedEdge is set. The handler sees the
// span in r.Context().
//
// Tags: http.method, http.path, http.route (the pattern without its method,
// when a ServeMux matched one), http.status_code, and error on a 5xx
// status or a panic (recorded, then re-raised; http.ErrAbortHandler too).
// The remote endpoint is the peer's address from r.RemoteAddr.
//
// The route is read from r.Pattern after next returns, which works when
// next is (or directly calls) a ServeMux with the request it was given. A
// handler behind a middleware that replaces the request can name the span
// itself: zipkin.SpanFromContext(r.Context()).SetName(...); a name the
// handler set is kept.
//
// Behind a router that is not a ServeMux, install the adapter made for it
// (runtime/zipkingin, runtime/zipkinecho). A router with http.Handler
// middleware, such as chi, routes a copy of the request it was given, so
// Middleware wrapped around it names spans by the method alone: install
// it inside the router (chi: r.Use), where the route is known (see
// ServerOptions.Route).
func Middleware(next http.Handler, o ServerOptions) http.Handler {
	return &middleware{next: next, s: NewServer(o)}
}

type middleware struct {
	next http.Handler
	s    *Server
}

func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r, span := m.s.Start(w, r)
	if span == nil { // disabled, skipped or not sampled: nothing to record
		m.next.ServeHTTP(w, r)
		return
	}
	rw := &responseWriter{w: w}
	defer m.finish(span, rw, r)
	m.next.ServeHTTP(rw, r)
}

// finish is the deferred function itself, so its recover sees a handler
// panic, which Server.Finish records and raises again with the same value.
func (m *middleware) finish(span *zipkin.Span, rw *responseWriter, r *http.Request) {
	p := recover()
	route := ""
	if m.s.o.Route != nil {
		route = m.s.o.Route(r)
	} else {
		route = routeOf(r.Pattern)
	}
	m.s.Finish(span, r, Outcome{Route: route, Status: rw.statusCode()}, p)
}

// Server is Middleware without the handler around it: it starts and
// finishes server spans for adapters of routers whose handlers are not
// http.Handlers (runtime/zipkingin, runtime/zipkinecho), so that every
// router gets the same options, names and tags. Build it once with
// NewServer; it is safe for concurrent use.
type Server struct {
	o            ServerOptions
	skipPaths    map[string]bool
	skipPrefixes []string
}

// NewServer returns the Server for o.
func NewServer(o ServerOptions) *Server {
	s := &Server{o: o}
	for _, p := range o.SkipPaths {
		if strings.HasSuffix(p, "/") {
			s.skipPrefixes = append(s.skipPrefixes, p)
			continue
		}
		if s.skipPaths == nil {
			s.skipPaths = make(map[string]bool, len(o.SkipPaths))
		}
		s.skipPaths[p] = true
	}
	return s
}

func (s *Server) tracer() *zipkin.Tracer {
	if s.o.Tracer != nil {
		return s.o.Tracer
	}
	return zipkin.Default()
}

func (s *Server) skip(r *http.Request) bool {
	if s.skipPaths[r.URL.Path] {
		return true
	}
	for _, p := range s.skipPrefixes {
		if strings.HasPrefix(r.URL.Path, p) {
			return true
		}
	}
	return s.o.Skip != nil && s.o.Skip(r)
}

// Start begins the server span of r: from the trace in its headers (or a
// span already in its context), or as a new trace at an untrusted edge.
// It returns the request carrying the span, which the handlers must be
// given, and writes the trace headers into w's header when
// InjectResponseHeaders is set. The span is nil when tracing is disabled,
// r is skipped or the trace is not sampled; the request then carries the
// sampling decision, if any, and nothing is to be finished.
//
// The span is unnamed until Finish names it, so that Finish can tell a
// name the handler set.
func (s *Server) Start(w http.ResponseWriter, r *http.Request) (*http.Request, *zipkin.Span) {
	t := s.tracer()
	if !t.Enabled() || s.skip(r) {
		return r, nil
	}
	if !s.o.UntrustedEdge && len(t.BaggageFields()) > 0 {
		r = withBaggage(t, r) // before the span, whose parent context it is
	}
	r, span := s.start(t, r)
	if s.o.InjectResponseHeaders {
		t.InjectHeader(r.Context(), w.Header())
	}
	span.SetRemoteEndpoint(peer(r.RemoteAddr)) // a no-op, unparsed, when not sampled
	return r, span
}

func (s *Server) start(t *zipkin.Tracer, r *http.Request) (*http.Request, *zipkin.Span) {
	kind := zipkin.WithKind(zipkin.Server)
	// A matching sampling rule is one more option; the zero StartOption
	// (no rule) would do nothing, but the common case keeps its one option.
	var rule zipkin.StartOption
	hasRule := false
	if len(s.o.SamplingRules) > 0 {
		rule, hasRule = s.o.SamplingRules.Match(r.Method, r.URL.Path)
	}
	if s.o.UntrustedEdge {
		ctx, span := t.Start(r.Context(), "", kind, zipkin.WithNewTrace(), rule)
		if ctx == r.Context() {
			return r, span
		}
		return r.WithContext(ctx), span
	}
	if hasRule {
		return t.StartRequest(r, "", kind, rule)
	}
	return t.StartRequest(r, "", kind)
}

// Outcome is what an adapter knows of a request once its handler
// returned.
type Outcome struct {
	// Route is the template of the route that matched, without the method
	// ("/items/{id}", "/items/:id"); "" when none did.
	Route string
	// Status is the response status; 0 when unknown (a hijacked
	// connection).
	Status int
	// Err is an error the handler returned, if any: with a 5xx status its
	// message is the error tag (else the status code is).
	Err error
}

// Finish names, tags and ends a span that Start returned; a nil span is a
// no-op (apart from re-raising p). r is the request Start returned, out
// what the adapter learned, and p the handler's panic value, recover()'s
// result in the adapter's deferred function: a non-nil p is recorded as the
// error and raised again once the span has ended.
//
// The span is named ServerOptions.SpanName(r), else "METHOD route", else
// the method, unless the handler named it itself. When out.Route is not
// the route of r.Pattern (the router is not a ServeMux, or is one mounted
// under a ServeMux), SpanName sees a copy of r whose Pattern is
// "METHOD route".
func (s *Server) Finish(span *zipkin.Span, r *http.Request, out Outcome, p any) {
	if span == nil {
		if p != nil {
			panic(p)
		}
		return
	}
	if span.Name() == "" {
		span.SetName(s.spanName(r, out.Route))
	}
	span.Tag("http.method", r.Method)
	span.Tag("http.path", r.URL.Path)
	if out.Route != "" {
		span.Tag("http.route", out.Route)
	}
	if out.Status != 0 && p == nil {
		span.TagInt("http.status_code", int64(out.Status))
		switch {
		case !s.isError(out.Status, out.Err):
		case out.Err != nil:
			span.Tag("error", out.Err.Error())
		default:
			span.Tag("error", strconv.Itoa(out.Status))
		}
	}
	if p != nil {
		span.Tag("error", panicMessage(p))
		span.End(nil)
		panic(p)
	}
	span.End(nil)
}

func (s *Server) spanName(r *http.Request, route string) string {
	if s.o.SpanName != nil {
		if route != routeOf(r.Pattern) { // the route is the router's, not a ServeMux's
			routed := *r
			routed.Pattern = ""
			if route != "" {
				routed.Pattern = r.Method + " " + route
			}
			r = &routed
		}
		return s.o.SpanName(r)
	}
	if route == "" {
		return r.Method
	}
	if p := r.Pattern; len(p) > len(r.Method) && p[len(r.Method)] == ' ' && strings.HasPrefix(p, r.Method) && routeOf(p) == route {
		return p // a ServeMux's "GET /items/{id}": the name, without building it again
	}
	return r.Method + " " + route
}

// routeOf returns the pattern without its method: "/items/{id}".
func routeOf(pattern string) string {
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		return strings.TrimLeft(pattern[i+1:], " \t")
	}
	return pattern
}

// peer parses r.RemoteAddr ("ip:port"); anything else is left out.
func peer(remoteAddr string) zipkin.Endpoint {
	ap, err := netip.ParseAddrPort(remoteAddr)
	if err != nil {
		return zipkin.Endpoint{}
	}
	return zipkin.Endpoint{Addr: ap.Addr().Unmap(), Port: ap.Port()}
}

// panicMessage formats a panic value for the error tag.
func panicMessage(p any) string {
	switch v := p.(type) {
	case string:
		return v
	case error:
		return v.Error()
	}
	return fmt.Sprint(p)
}

// isError applies ServerOptions.IsError; without one, only the status
// counts.
func (s *Server) isError(status int, err error) bool {
	if s.o.IsError == nil {
		return status >= 500
	}
	return s.o.IsError(status, err)
}
