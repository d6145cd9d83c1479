package zipkin

import "net/http"

// extractHeaderTmp is TEMPORARY, until propagation.go provides
// ExtractHeader (all four formats): it reads B3 multi-headers only.
func extractHeaderTmp(h http.Header) (SpanContext, bool) {
	tid, ok := ParseTraceID(h.Get("X-B3-TraceId"))
	if !ok {
		return SpanContext{}, false
	}
	sid, ok := ParseSpanID(h.Get("X-B3-SpanId"))
	if !ok {
		return SpanContext{}, false
	}
	sc := SpanContext{TraceID: tid, ID: sid}
	switch h.Get("X-B3-Sampled") {
	case "1", "true":
		sc.Sampling = Accept
	case "0", "false":
		sc.Sampling = Deny
	}
	sc.Debug = h.Get("X-B3-Flags") == "1"
	return sc, true
}
