package zipkingrpc

import (
	"strings"

	"google.golang.org/grpc/metadata"
)

// MetadataCarrier adapts gRPC metadata to zipkin.Carrier, for
// zipkin.Extract and zipkin.Inject in hand-written code. gRPC keeps
// metadata keys in lower case, which is how the runtime asks for them.
//
// Of a repeated key the first value wins, as B3 asks of repeated headers,
// except that a repeated traceparent is invalid, as W3C says, and repeated
// tracestate values are joined into one list (given up, rather than
// joined, beyond 4096 bytes, so that hostile metadata cannot make it
// allocate without bound).
type MetadataCarrier metadata.MD

// Get returns the value of key ("" when absent).
func (c MetadataCarrier) Get(key string) string {
	v := c[key]
	switch {
	case len(v) == 0:
		return ""
	case len(v) == 1:
		return v[0]
	case key == "traceparent":
		return ""
	case key == "tracestate":
		return joinBounded(v)
	}
	return v[0]
}

// Set replaces the values of key.
func (c MetadataCarrier) Set(key, value string) { c[strings.ToLower(key)] = []string{value} }

// maxTracestate bounds repeated tracestate values joined by Get, as the
// runtime bounds repeated HTTP headers.
const maxTracestate = 4096

func joinBounded(v []string) string {
	n := 0
	for _, s := range v {
		if n += len(s) + 1; n > maxTracestate {
			return ""
		}
	}
	return strings.Join(v, ",")
}
