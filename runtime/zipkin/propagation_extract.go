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
//     a deferred decision, debug and the parent ID; a bare X-B3 decision
//     (X-B3-Sampled or X-B3-Flags without X-B3-TraceId) yields to a
//     complete traceparent, though, since it is what a caller with no IDs
//     sends;
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
	if c == nil {
		return SpanContext{}, false
	}
	var w propagation.Context
	if ok = extractContext(&traceHeaders{carrier: c, unread: -1}, &w); ok {
		fromWire(&sc, &w)
	}
	return sc, ok
}

// ExtractHeader is Extract for HTTP headers. It reads the canonical keys
// only, so a well-formed request costs no allocation. Of repeated headers
// the first value wins, as B3 requires; repeated traceparent headers are
// invalid, as W3C requires.
func ExtractHeader(h http.Header) (sc SpanContext, ok bool) {
	ok = extractHeader(h, &sc)
	return sc, ok
}

// extractHeader is ExtractHeader into *sc, which it leaves unchanged when
// it returns false. (A caller that keeps the result in a variable of its
// own saves a copy of the whole SpanContext.)
func extractHeader(h http.Header, sc *SpanContext) bool {
	// A nil http.Header is a valid empty one (a hand-built request):
	// nothing to extract. traceHeaders reads a nil header as "use the
	// carrier", so it must not get further.
	if len(h) == 0 {
		return false
	}
	var w propagation.Context
	if !extractContext(&traceHeaders{header: h, unread: len(h)}, &w) {
		return false
	}
	fromWire(sc, &w)
	return true
}

// traceKey names one of the headers extraction reads.
type traceKey uint8

const (
	hB3 traceKey = iota
	hTraceID
	hSpanID
	hParentID
	hSampled
	hFlags
	hTraceparent
	hTracestate
	hUber
	numTraceKeys
)

// traceKeyNames are the keys by traceKey, as Carrier.Get and http.Header
// spell them.
var traceKeyNames = [numTraceKeys]headerKey{
	hB3:          hdrB3,
	hTraceID:     hdrTraceID,
	hSpanID:      hdrSpanID,
	hParentID:    hdrParentID,
	hSampled:     hdrSampled,
	hFlags:       hdrFlags,
	hTraceparent: hdrTraceparent,
	hTracestate:  hdrTracestate,
	hUber:        hdrUber,
}

// IsTraceHeader reports whether key, in http.Header's canonical form or in
// lower case, is a header of a propagation format that Extract reads. A
// client that copies incoming headers onto an outgoing request leaves these
// out, so that the caller's context in a format the tracer does not write
// cannot win over the one it injects.
func IsTraceHeader(key string) bool {
	for _, k := range traceKeyNames {
		if key == k.canonical || key == k.lower {
			return true
		}
	}
	return false
}

// traceHeaders reads the trace headers from an http.Header (by canonical
// key, without allocating) or from any Carrier, in the order the
// precedence rules ask for them. A concrete type rather than an interface:
// its calls are direct and can inline.
//
// Each lookup in a header map costs a hash of the key, and most lookups
// miss, so it counts the keys it has found: once every key of the header
// has been found, every other lookup would miss and is not made. A request
// carrying only its trace headers then costs one lookup per header
// present, plus those that decide precedence before the first is found.
// The count is exact because extraction asks for each key at most once
// (TestExtractHeaderSkipsOnlyMissingKeys fails otherwise).
type traceHeaders struct {
	header  http.Header
	carrier Carrier // when header is nil
	// unread is the number of keys of header not yet found; -1 for a
	// carrier, whose size is unknown.
	unread int
}

// all returns every value of header k; nil for a non-header carrier.
func (t *traceHeaders) all(k traceKey) []string {
	if t.unread == 0 {
		return nil
	}
	v, ok := t.header[traceKeyNames[k].canonical]
	if ok {
		t.unread--
	}
	return v
}

// first returns the first value of k, or "".
func (t *traceHeaders) first(k traceKey) string {
	if t.header == nil {
		return t.carrier.Get(traceKeyNames[k].lower)
	}
	return firstValue(t.all(k))
}

// b3Values returns the first values of the X-B3 headers read after
// X-B3-TraceId. One call for the four (whose lookups inline here) costs
// less than a call to first for each.
func (t *traceHeaders) b3Values() (spanID, parentID, sampled, flags string) {
	if t.header == nil {
		return t.first(hSpanID), t.first(hParentID), t.first(hSampled), t.first(hFlags)
	}
	// The IDs are asked for before the flags, which few callers send, so
	// that a request with only its B3 headers does not pay for looking up
	// a missing X-B3-Flags.
	return firstValue(t.all(hSpanID)), firstValue(t.all(hParentID)),
		firstValue(t.all(hSampled)), firstValue(t.all(hFlags))
}

func firstValue(v []string) string {
	if len(v) > 0 {
		return v[0]
	}
	return ""
}

// traceparent returns the traceparent value; single is false when the
// header is repeated, which W3C makes invalid.
func (t *traceHeaders) traceparent() (v string, single bool) {
	if t.header == nil {
		return t.carrier.Get(keyTraceparent), true
	}
	switch all := t.all(hTraceparent); len(all) {
	case 0:
		return "", true
	case 1:
		return all[0], true
	}
	return "", false
}

// tracestate joins repeated tracestate headers, as W3C allows a list to be
// split over several; the bound is checked before joining so hostile input
// cannot make it allocate without limit.
func (t *traceHeaders) tracestate() string {
	if t.header == nil {
		return t.carrier.Get(keyTracestate)
	}
	v := t.all(hTracestate)
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

// extractContext fills c by the precedence documented on Extract, and
// reports whether any format yielded something. The parsers write c only
// when they accept a value, so one Context serves every format tried.
func extractContext(src *traceHeaders, c *propagation.Context) bool {
	if v := src.first(hB3); v != "" && propagation.ParseB3Single(v, c) {
		attachTracestate(src, c)
		return true
	}
	traceID := src.first(hTraceID)
	if traceID != "" {
		spanID, parentID, sampled, flags := src.b3Values()
		if propagation.ParseB3Multi(traceID, spanID, parentID, sampled, flags, c) {
			attachTracestate(src, c)
			return true
		}
	}
	if v, single := src.traceparent(); single && v != "" && propagation.ParseTraceparent(v, c) {
		c.TraceState = validTracestate(src)
		return true
	}
	// A bare X-B3 decision (no trace ID) yields to a complete W3C context:
	// it is what a caller without IDs sends, and asking for it only now
	// spares a traceparent request two lookups. Without a trace ID the
	// context can only be a bare decision, so the span and parent IDs are
	// not looked up.
	if traceID == "" && propagation.ParseB3Multi("", "", "", src.first(hSampled), src.first(hFlags), c) {
		return true
	}
	// An uber-trace-id winner gets no tracestate: getting here means that
	// traceparent is absent or invalid.
	if v := src.first(hUber); v != "" {
		return propagation.ParseUber(v, c)
	}
	return false
}

// attachTracestate gives a B3 winner with IDs the tracestate when
// traceparent carries the same trace: a service that injects several
// formats must not lose the W3C vendor state. traceparent has not been
// read yet when B3 wins.
func attachTracestate(src *traceHeaders, c *propagation.Context) {
	if !c.HasIDs() {
		return
	}
	v, single := src.traceparent()
	if !single || v == "" {
		return
	}
	var w propagation.Context
	if !propagation.ParseTraceparent(v, &w) || w.TraceHi != c.TraceHi || w.TraceLo != c.TraceLo {
		return
	}
	c.TraceState = validTracestate(src)
}

func validTracestate(src *traceHeaders) string {
	if ts := src.tracestate(); propagation.ValidTracestate(ts) {
		return ts
	}
	return ""
}

// fromWire converts the parsers' plain values into sc; Decision and
// Sampling share their numbering. It assigns field by field, into the
// caller's result: a SpanContext built apart and then copied whole would
// be read back with wide loads of just-written narrow fields, which stall
// (see propagation.Context.set).
func fromWire(sc *SpanContext, c *propagation.Context) {
	sc.TraceID.High, sc.TraceID.Low = c.TraceHi, c.TraceLo
	sc.ID, sc.ParentID = SpanID(c.SpanID), SpanID(c.ParentID)
	sc.Sampling, sc.Debug = Decision(c.Sampling), c.Debug
	sc.TraceState = c.TraceState
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
