package zipkin

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/internal/propagation"
)

// Inject writes the trace context of the span in ctx (sampled or not, local
// or remote) into c, in the default tracer's formats (ZIPKIN_PROPAGATION,
// default b3). It writes nothing when ctx carries no trace.
func Inject(ctx context.Context, c Carrier) { Default().Inject(ctx, c) }

// InjectHeader is Inject for HTTP headers.
func InjectHeader(ctx context.Context, h http.Header) { Default().InjectHeader(ctx, h) }

// Inject writes the trace context in ctx into c in t's formats.
func (t *Tracer) Inject(ctx context.Context, c Carrier) {
	if sc, ok := SpanContextFromContext(ctx); ok {
		injectCarrier(sc, t.injectFormats(), c)
	}
	if t != nil && len(t.baggage) > 0 {
		t.injectBaggage(ctx, c)
	}
}

// InjectHeader writes the trace context in ctx into h in t's formats,
// replacing any trace headers of those formats already in h.
func (t *Tracer) InjectHeader(ctx context.Context, h http.Header) {
	if sc, ok := SpanContextFromContext(ctx); ok {
		injectHeader(sc, t.injectFormats(), h)
	}
	if t != nil && len(t.baggage) > 0 {
		t.injectBaggageHeader(ctx, h)
	}
}

// formatSet is a set of formats as a bit mask: the inject path needs no
// slice.
type formatSet uint8

func (s formatSet) with(f Format) formatSet { return s | 1<<f }
func (s formatSet) has(f Format) bool       { return s&(1<<f) != 0 }

func newFormatSet(formats []Format) formatSet {
	if len(formats) == 0 {
		return formatSet(0).with(B3Multi)
	}
	var set formatSet
	for _, f := range formats {
		set = set.with(f)
	}
	return set
}

// InjectSpanContext writes sc into c in the given formats (B3Multi when
// none are given), for code that handles span contexts itself, such as a
// proxy forwarding a context it extracted. Keys are lower case. A
// MapCarrier or HeaderCarrier also loses stale keys of those formats (a
// parent ID on a root); other carriers cannot delete, and only gain keys.
func InjectSpanContext(sc SpanContext, c Carrier, formats ...Format) {
	injectCarrier(sc, newFormatSet(formats), c)
}

// InjectSpanContextHeader is InjectSpanContext for HTTP headers.
func InjectSpanContextHeader(sc SpanContext, h http.Header, formats ...Format) {
	injectHeader(sc, newFormatSet(formats), h)
}

func injectCarrier(sc SpanContext, formats formatSet, c Carrier) {
	if hc, ok := c.(HeaderCarrier); ok {
		injectHeader(sc, formats, http.Header(hc))
		return
	}
	var w valueWriter
	var scratch [256]byte
	buf := w.write(scratch[:0], toWire(sc), formats)
	m, isMap := c.(MapCarrier)
	all := string(buf) // one allocation for every value, as injectHeader does
	for i := range w.n {
		key, value := w.keys[i].lower, all[w.starts[i]:w.ends[i]]
		if isMap {
			m.deleteAnyCase(key) // also "X-B3-ParentSpanId" left by another tracer
		}
		if value != "" {
			c.Set(key, value)
		}
	}
}

// injectHeader writes sc into h. Headers of the written formats that sc
// does not need (a parent on a root, a sampled flag on a deferred
// decision) are deleted, so a reused header map never carries stale values.
// All values share one string and one slice: two allocations in all (the
// values are formatted on the stack first).
func injectHeader(sc SpanContext, formats formatSet, h http.Header) {
	var w valueWriter
	var scratch [256]byte
	buf := w.write(scratch[:0], toWire(sc), formats)
	set := 0
	for i := range w.n {
		if w.ends[i] > w.starts[i] {
			set++
		}
	}
	vals := make([]string, set)
	all := string(buf)
	j := 0
	for i := range w.n {
		key := w.keys[i].canonical
		if w.ends[i] == w.starts[i] {
			delete(h, key)
			continue
		}
		vals[j] = all[w.starts[i]:w.ends[i]]
		h[key] = vals[j : j+1 : j+1]
		j++
	}
}

type headerKey struct{ lower, canonical string }

var (
	hdrB3          = headerKey{keyB3, "B3"}
	hdrTraceID     = headerKey{keyTraceID, "X-B3-Traceid"}
	hdrSpanID      = headerKey{keySpanID, "X-B3-Spanid"}
	hdrParentID    = headerKey{keyParentID, "X-B3-Parentspanid"}
	hdrSampled     = headerKey{keySampled, "X-B3-Sampled"}
	hdrFlags       = headerKey{keyFlags, "X-B3-Flags"}
	hdrTraceparent = headerKey{keyTraceparent, "Traceparent"}
	hdrTracestate  = headerKey{keyTracestate, "Tracestate"}
	hdrUber        = headerKey{keyUber, "Uber-Trace-Id"}
)

// maxHeaders is the number of keys the four formats write together.
const maxHeaders = 9

// valueWriter records where each header value lies in the buffer that
// write returns; an empty value means "delete this key". The buffer
// travels through arguments and results, never through the struct, so
// that a caller's stack array can back it without escaping.
type valueWriter struct {
	n            int
	keys         [maxHeaders]headerKey
	starts, ends [maxHeaders]int
}

// add records buf[start:] as key's value.
func (w *valueWriter) add(key headerKey, start int, buf []byte) {
	w.keys[w.n], w.starts[w.n], w.ends[w.n] = key, start, len(buf)
	w.n++
}

// write appends c to buf in every format of the set and returns buf.
func (w *valueWriter) write(buf []byte, c propagation.Context, formats formatSet) []byte {
	if formats.has(B3Multi) {
		buf = w.writeB3Multi(buf, c)
	}
	if formats.has(B3Single) {
		start := len(buf)
		buf = propagation.AppendB3Single(buf, c)
		w.add(hdrB3, start, buf)
	}
	if formats.has(W3C) {
		start := len(buf)
		buf = propagation.AppendTraceparent(buf, c)
		w.add(hdrTraceparent, start, buf)
		wroteParent := len(buf) > start
		start = len(buf)
		if wroteParent {
			buf = append(buf, c.TraceState...)
		}
		w.add(hdrTracestate, start, buf)
	}
	if formats.has(Uber) {
		start := len(buf)
		buf = propagation.AppendUber(buf, c)
		w.add(hdrUber, start, buf)
	}
	return buf
}

func (w *valueWriter) writeB3Multi(buf []byte, c propagation.Context) []byte {
	start := len(buf)
	if c.HasIDs() {
		buf = appendTraceIDWire(buf, c)
	}
	w.add(hdrTraceID, start, buf)
	start = len(buf)
	if c.HasIDs() {
		buf = propagation.AppendHex64(buf, c.SpanID)
	}
	w.add(hdrSpanID, start, buf)
	start = len(buf)
	if c.HasIDs() && c.ParentID != 0 {
		buf = propagation.AppendHex64(buf, c.ParentID)
	}
	w.add(hdrParentID, start, buf)
	start = len(buf)
	buf = append(buf, propagation.B3Sampled(c)...)
	w.add(hdrSampled, start, buf)
	start = len(buf)
	if c.Debug {
		buf = append(buf, '1')
	}
	w.add(hdrFlags, start, buf)
	return buf
}

func appendTraceIDWire(dst []byte, c propagation.Context) []byte {
	return TraceID{High: c.TraceHi, Low: c.TraceLo}.AppendHex(dst)
}
