package zipkinhttp

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// ClientOptions configures Transport. The zero value traces every request
// with the default tracer and names spans by their method.
type ClientOptions struct {
	// Tracer records the spans and chooses the propagation formats. Nil:
	// zipkin.Default(), looked up per request.
	Tracer *zipkin.Tracer
	// RemoteService is the remote endpoint's service name: the service
	// being called, which Zipkin's dependency graph needs when that service
	// is not traced itself. Empty: absent.
	RemoteService string
	// SpanName names the span. Nil: the method ("GET").
	SpanName func(r *http.Request) string
	// IsError decides from the response status, or the transport error
	// (then status is 0), whether the span is an error. Nil:
	// DefaultIsError, a transport error or a 5xx status.
	IsError ErrorRule
	// SamplingRules decide the traces that requests without a parent
	// start, by method and URL path, as ServerOptions.SamplingRules do.
	SamplingRules zipkin.SamplingRules
}

// Transport returns a RoundTripper that records a CLIENT span for each
// request, as a child of the span in the request's context, and injects
// the trace into the request's headers. base nil means
// http.DefaultTransport.
//
// The caller's request is never modified: headers go on a copy, from which
// trace headers copied from elsewhere (a proxy forwarding its incoming
// headers) are removed first. Tags:
// http.method, http.url (scheme, host and path only: no user info, no
// query, which may hold secrets), http.status_code, and error for a
// transport error or a 5xx status.
//
// The span ends when RoundTrip returns, i.e. when the response headers have
// arrived, not when the body has been read: that is the conventional client
// span of Zipkin instrumentation, it cannot leak when a caller forgets to
// close a body, and reading the body is the caller's work, which its own
// span measures.
func Transport(base http.RoundTripper, o ClientOptions) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{base: base, o: o}
}

type transport struct {
	base http.RoundTripper
	o    ClientOptions
}

func (tr *transport) tracer() *zipkin.Tracer {
	if tr.o.Tracer != nil {
		return tr.o.Tracer
	}
	return zipkin.Default()
}

// RoundTrip implements http.RoundTripper.
func (tr *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t := tr.tracer()
	if !t.Enabled() {
		return tr.base.RoundTrip(req)
	}
	ctx, span := tr.start(t, req)
	if _, ok := zipkin.SpanContextFromContext(ctx); !ok {
		return tr.base.RoundTrip(req)
	}
	out := req.WithContext(ctx)
	out.Header = outgoingHeader(req.Header)
	t.InjectHeader(ctx, out.Header)
	if span == nil { // not sampled: the headers still carry the decision
		return tr.base.RoundTrip(out)
	}
	span.SetRemoteEndpoint(tr.remote(req.URL))
	span.Tag("http.method", req.Method)
	span.Tag("http.url", redactedURL(req.URL))
	resp, err := tr.base.RoundTrip(out)
	switch {
	case err != nil:
		if isError(tr.o.IsError, 0, err) {
			span.SetError(err)
		}
	case resp != nil:
		span.TagInt("http.status_code", int64(resp.StatusCode))
		if isError(tr.o.IsError, resp.StatusCode, nil) {
			span.Tag("error", strconv.Itoa(resp.StatusCode))
		}
	}
	span.End(nil)
	return resp, err
}

// outgoingHeader copies h, as Header.Clone does (all values in one slice),
// for the outgoing request, leaving out the trace headers of every format
// Extract reads (zipkin.IsTraceHeader). A proxy that copies incoming
// headers onto its outgoing request would otherwise forward the caller's
// context in the formats the tracer does not write, and the next hop,
// preferring those, would skip this hop. Filtering while copying costs
// nothing per absent trace header, where deleting afterwards costs a map
// lookup each.
func outgoingHeader(h http.Header) http.Header {
	nv := 0
	for _, vv := range h {
		nv += len(vv)
	}
	out := make(http.Header, len(h)+4) // room for the injected headers
	var sv []string
	if nv > 0 {
		sv = make([]string, nv)
	}
	for k, vv := range h {
		if zipkin.IsTraceHeader(k) {
			continue
		}
		if vv == nil {
			out[k] = nil // as Clone keeps them
			continue
		}
		n := copy(sv, vv)
		out[k] = sv[:n:n]
		sv = sv[n:]
	}
	return out
}

// start begins the client span, under the first matching sampling rule.
func (tr *transport) start(t *zipkin.Tracer, req *http.Request) (context.Context, *zipkin.Span) {
	kind := zipkin.WithKind(zipkin.Client)
	if len(tr.o.SamplingRules) > 0 {
		if rule, ok := tr.o.SamplingRules.Match(req.Method, req.URL.Path); ok {
			return t.Start(req.Context(), tr.spanName(req), kind, rule)
		}
	}
	return t.Start(req.Context(), tr.spanName(req), kind)
}

func (tr *transport) spanName(req *http.Request) string {
	if tr.o.SpanName != nil {
		return tr.o.SpanName(req)
	}
	return req.Method
}

// remote describes the server: the configured service name, and the
// host's address and port when the host is an IP literal (a name is not
// resolved here: that would cost a lookup per request).
func (tr *transport) remote(u *url.URL) zipkin.Endpoint {
	ep := zipkin.Endpoint{ServiceName: tr.o.RemoteService}
	if addr, err := netip.ParseAddr(u.Hostname()); err == nil {
		ep.Addr = addr.Unmap()
	}
	if p, err := strconv.ParseUint(u.Port(), 10, 16); err == nil {
		ep.Port = uint16(p)
	} else if u.Port() == "" {
		ep.Port = defaultPort(u.Scheme)
	}
	return ep
}

func defaultPort(scheme string) uint16 {
	switch scheme {
	case "http":
		return 80
	case "https":
		return 443
	}
	return 0
}

// redactedURL is u without user info, query and fragment.
func redactedURL(u *url.URL) string {
	clean := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath, Opaque: u.Opaque}
	return clean.String()
}
