package zipkinhttp

import (
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// withBaggage returns r with the allow-listed baggage of its headers in
// its context (zipkin.Tracer.ExtractBaggage), or r itself when there is
// none. The middleware skips it at an UntrustedEdge: a stranger's baggage
// would travel on to every service behind this one. The client transport
// needs nothing of its own: InjectHeader writes the baggage too.
func withBaggage(t *zipkin.Tracer, r *http.Request) *http.Request {
	ctx := t.ExtractBaggage(r.Context(), zipkin.HeaderCarrier(r.Header))
	if ctx == r.Context() {
		return r
	}
	return r.WithContext(ctx)
}
