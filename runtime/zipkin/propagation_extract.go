package zipkin

import (
	"net/http"
	"strings"

	"github.com/zipkingen/zipkingen/runtime/internal/propagation"
)

// Extract reads a trace context from c, accepting all four formats. When
// several are present the first usable one wins, in this order:
//
//  1. B3 single ("b3"): the B3 specification says it takes precedence over
//     the multi-header form;
//  2. B3 multi (X-B3-*): Zipkin's native format, the only one that carries
//     a deferred decision, debug and the parent ID;
//  3. W3C traceparent: the standard, but it cannot say "debug" or "defer";
//  4. uber-trace-id: Jaeger's legacy format, last because Jaeger itself now
//     prefers W3C.
//
// A malformed header does not hide a well-formed one of a later format, so
// a proxy that mangles one format does not break the trace. W3C tracestate
// is attached when traceparent names the same trace as the winner.
//
// ok is false when no format yielded anything. It is true also for a bare
// sampling decision with no IDs (such as "b3: 0" or "X-B3-Flags: 1"); then
// sc.IsValid() is false and sc carries only Sampling and Debug, which a new
// trace must honour.
func Extract(c Carrier) (sc SpanContext, ok bool) {
	if hc, isHeader := c.(HeaderCarrier); isHeader {
		return ExtractHeader(http.Header(hc))
	}
	return extract(carrierSource{c})
}

// ExtractHeader is Extract for HTTP headers. It looks the canonical keys up
// directly, so a well-formed request costs no allocation. Of repeated
// headers the first value wins, as B3 requires; repeated traceparent
// headers are invalid, as W3C requires.
func ExtractHeader(h http.Header) (SpanContext, bool) {
	return extract(headerSource(h))
}

// source abstracts the two ways of reading carriers so that the precedence
// rules live in one place.
type source interface {
	first(key, canonical string) string
	traceparent() (string, bool) // false when repeated
	tracestate() string
}

type headerSource http.Header

func (h headerSource) first(_, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (h headerSource) traceparent() (string, bool) {
	v := h["Traceparent"]
	switch len(v) {
	case 0:
		return "", true
	case 1:
		return v[0], true
	}
	return "", false
}

// tracestate joins repeated tracestate headers, as W3C allows a list to be
// split over several; the bound is checked before joining so hostile input
// cannot make it allocate without limit.
func (h headerSource) tracestate() string {
	v := h["Tracestate"]
	switch len(v) {
	case 0:
		return ""
	case 1:
		return v[0]
	}
	n := 0
	for _, s := range v {
		if n += len(s) + 1; n > maxJoinedTracestate {
			return ""
		}
	}
	return strings.Join(v, ",")
}

// maxJoinedTracestate bounds the joined tracestate before it is validated.
const maxJoinedTracestate = 4096

type carrierSource struct{ c Carrier }

func (s carrierSource) first(key, _ string) string  { return s.c.Get(key) }
func (s carrierSource) traceparent() (string, bool) { return s.c.Get(keyTraceparent), true }
func (s carrierSource) tracestate() string          { return s.c.Get(keyTracestate) }

func extract(src source) (SpanContext, bool) {
	c, fromW3C, ok := extractContext(src)
	if !ok {
		return SpanContext{}, false
	}
	sc := fromWire(c)
	// A W3C winner already carries its own tracestate: reading traceparent
	// again to compare it with itself would only double the cost.
	if !fromW3C && c.HasIDs() {
		sc.TraceState = matchingTracestate(src, c)
	}
	return sc, true
}

// extractContext applies the precedence documented on Extract. fromW3C
// says traceparent won.
func extractContext(src source) (c propagation.Context, fromW3C, ok bool) {
	if v := src.first(keyB3, "B3"); v != "" {
		if c, ok := propagation.ParseB3Single(v); ok {
			return c, false, true
		}
	}
	if c, ok := extractB3Multi(src); ok {
		return c, false, true
	}
	if v, single := src.traceparent(); single && v != "" {
		if c, ok := propagation.ParseTraceparent(v); ok {
			c.TraceState = validTracestate(src)
			return c, true, true
		}
	}
	if v := src.first(keyUber, "Uber-Trace-Id"); v != "" {
		c, ok := propagation.ParseUber(v)
		return c, false, ok
	}
	return propagation.Context{}, false, false
}

// extractB3Multi reads the X-B3-* headers. Without a trace ID the context
// can only be a bare decision, so a request carrying no B3 at all costs
// three lookups, not five.
func extractB3Multi(src source) (propagation.Context, bool) {
	traceID := src.first(keyTraceID, "X-B3-Traceid")
	sampled := src.first(keySampled, "X-B3-Sampled")
	flags := src.first(keyFlags, "X-B3-Flags")
	if traceID == "" && sampled == "" && flags == "" {
		return propagation.Context{}, false
	}
	return propagation.ParseB3Multi(traceID,
		src.first(keySpanID, "X-B3-Spanid"),
		src.first(keyParentID, "X-B3-Parentspanid"),
		sampled, flags)
}

// matchingTracestate returns tracestate when a B3 or uber context won but
// traceparent carries the same trace: a service that injects several
// formats must not lose the W3C vendor state.
func matchingTracestate(src source, c propagation.Context) string {
	v, single := src.traceparent()
	if !single || v == "" {
		return ""
	}
	w, ok := propagation.ParseTraceparent(v)
	if !ok || w.TraceHi != c.TraceHi || w.TraceLo != c.TraceLo {
		return ""
	}
	return validTracestate(src)
}

func validTracestate(src source) string {
	if ts := src.tracestate(); propagation.ValidTracestate(ts) {
		return ts
	}
	return ""
}

// fromWire converts the parsers' plain values; Decision and Sampling share
// their numbering.
func fromWire(c propagation.Context) SpanContext {
	return SpanContext{
		TraceID:    TraceID{High: c.TraceHi, Low: c.TraceLo},
		ID:         SpanID(c.SpanID),
		ParentID:   SpanID(c.ParentID),
		Sampling:   Decision(c.Sampling),
		Debug:      c.Debug,
		TraceState: c.TraceState,
	}
}

func toWire(sc SpanContext) propagation.Context {
	return propagation.Context{
		TraceHi:    sc.TraceID.High,
		TraceLo:    sc.TraceID.Low,
		SpanID:     uint64(sc.ID),
		ParentID:   uint64(sc.ParentID),
		Sampling:   propagation.Sampling(sc.Sampling),
		Debug:      sc.Debug,
		TraceState: sc.TraceState,
	}
}
