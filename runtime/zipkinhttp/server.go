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

	// UntrustedEdge ignores incoming trace headers: every request starts a
	// new trace with the local sampling decision. Set it on servers that
	// face the internet, where a client could otherwise force sampling (or
	// debug) on every request, or attach spans to someone else's trace.
	UntrustedEdge bool

	// IsError decides from the response status whether the span is an
	// error (tagged "error" with the status code); err is always nil for
	// the server, which sees no error, only a status. Nil: DefaultIsError,
	// a 5xx status. A panic in the handler is an error regardless.
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
// itself: zipkin.SpanFromContext(r.Context()).SetName(...).
func Middleware(next http.Handler, o ServerOptions) http.Handler {
	m := &middleware{next: next, o: o}
	for _, p := range o.SkipPaths {
		if strings.HasSuffix(p, "/") {
			m.skipPrefixes = append(m.skipPrefixes, p)
			continue
		}
		if m.skipPaths == nil {
			m.skipPaths = make(map[string]bool, len(o.SkipPaths))
		}
		m.skipPaths[p] = true
	}
	return m
}

type middleware struct {
	next         http.Handler
	o            ServerOptions
	skipPaths    map[string]bool
	skipPrefixes []string
}

func (m *middleware) tracer() *zipkin.Tracer {
	if m.o.Tracer != nil {
		return m.o.Tracer
	}
	return zipkin.Default()
}

func (m *middleware) skip(r *http.Request) bool {
	if m.skipPaths[r.URL.Path] {
		return true
	}
	for _, p := range m.skipPrefixes {
		if strings.HasPrefix(r.URL.Path, p) {
			return true
		}
	}
	return m.o.Skip != nil && m.o.Skip(r)
}

func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := m.tracer()
	if !t.Enabled() || m.skip(r) {
		m.next.ServeHTTP(w, r)
		return
	}
	if !m.o.UntrustedEdge && len(t.BaggageFields()) > 0 {
		r = withBaggage(t, r) // before the span, whose parent context it is
	}
	r, span := m.start(t, r)
	if m.o.InjectResponseHeaders {
		t.InjectHeader(r.Context(), w.Header())
	}
	if span == nil { // not sampled: nothing to record
		m.next.ServeHTTP(w, r)
		return
	}
	span.SetRemoteEndpoint(peer(r.RemoteAddr)) // parsed only for a sampled request
	rw := &responseWriter{w: w}
	defer m.finish(span, rw, r)
	m.next.ServeHTTP(rw, r)
}

// start begins the server span: from the headers (or a span already in
// r's context), or as a new trace at an untrusted edge.
func (m *middleware) start(t *zipkin.Tracer, r *http.Request) (*http.Request, *zipkin.Span) {
	kind := zipkin.WithKind(zipkin.Server)
	// A matching sampling rule is one more option; the zero StartOption
	// (no rule) would do nothing, but the common case keeps its one option.
	var rule zipkin.StartOption
	hasRule := false
	if len(m.o.SamplingRules) > 0 {
		rule, hasRule = m.o.SamplingRules.Match(r.Method, r.URL.Path)
	}
	if m.o.UntrustedEdge {
		ctx, span := t.Start(r.Context(), r.Method, kind, zipkin.WithNewTrace(), rule)
		if ctx == r.Context() {
			return r, span
		}
		return r.WithContext(ctx), span
	}
	if hasRule {
		return t.StartRequest(r, r.Method, kind, rule)
	}
	return t.StartRequest(r, r.Method, kind)
}

// finish names and tags the span once the handler is done. It is the
// deferred function itself, so its recover sees a handler panic, which it
// records and raises again with the same value.
func (m *middleware) finish(span *zipkin.Span, rw *responseWriter, r *http.Request) {
	p := recover()
	span.SetName(m.spanName(r))
	span.Tag("http.method", r.Method)
	span.Tag("http.path", r.URL.Path)
	if route := routeOf(r.Pattern); route != "" {
		span.Tag("http.route", route)
	}
	if status := rw.statusCode(); status != 0 && p == nil {
		span.TagInt("http.status_code", int64(status))
		if isError(m.o.IsError, status, nil) {
			span.Tag("error", strconv.Itoa(status))
		}
	}
	if p != nil {
		span.Tag("error", panicMessage(p))
		span.End(nil)
		panic(p)
	}
	span.End(nil)
}

func (m *middleware) spanName(r *http.Request) string {
	if m.o.SpanName != nil {
		return m.o.SpanName(r)
	}
	if r.Pattern == "" {
		return r.Method
	}
	if hasMethod(r.Pattern) {
		return r.Pattern
	}
	return r.Method + " " + r.Pattern
}

// hasMethod reports whether a ServeMux pattern starts with a method
// ("GET /x"); a pattern's path or host never contains a space.
func hasMethod(pattern string) bool { return strings.IndexByte(pattern, ' ') > 0 }

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
