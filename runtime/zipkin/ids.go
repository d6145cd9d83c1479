package zipkin

import (
	"math/rand/v2"
	"net/netip"

	"github.com/zipkingen/zipkingen/runtime/internal/propagation"
)

// TraceID identifies a trace. Zipkin trace IDs are 64 or 128 bits; a 64-bit
// ID has High == 0 and is carried (and printed) as 16 hex digits, unchanged.
type TraceID struct {
	High, Low uint64
}

// IsZero reports whether t is the invalid all-zero ID.
func (t TraceID) IsZero() bool { return t.High == 0 && t.Low == 0 }

// Is128 reports whether t has 128 bits (a non-zero high half).
func (t TraceID) Is128() bool { return t.High != 0 }

// AppendHex appends t as lower-case hex: 32 digits when t is 128 bits wide,
// else 16.
func (t TraceID) AppendHex(dst []byte) []byte {
	if t.High != 0 {
		dst = appendHex64(dst, t.High)
	}
	return appendHex64(dst, t.Low)
}

// String returns t as lower-case hex (16 or 32 digits).
func (t TraceID) String() string {
	var b [32]byte
	return string(t.AppendHex(b[:0]))
}

// ParseTraceID parses 16 or 32 lower-case hex digits, as Zipkin and B3 carry
// them. It reports false for any other input, including the all-zero ID.
func ParseTraceID(s string) (TraceID, bool) {
	var t TraceID
	var ok bool
	switch len(s) {
	case 16:
		t.Low, ok = parseHex64(s)
	case 32:
		var okHigh bool
		t.High, okHigh = parseHex64(s[:16])
		t.Low, ok = parseHex64(s[16:])
		ok = ok && okHigh
	}
	if !ok || t.IsZero() {
		return TraceID{}, false
	}
	return t, true
}

// SpanID identifies a span within a trace; zero means "none".
type SpanID uint64

// AppendHex appends id as 16 lower-case hex digits.
func (id SpanID) AppendHex(dst []byte) []byte { return appendHex64(dst, uint64(id)) }

// String returns id as 16 lower-case hex digits.
func (id SpanID) String() string {
	var b [16]byte
	return string(id.AppendHex(b[:0]))
}

// ParseSpanID parses exactly 16 lower-case hex digits. It reports false for
// any other input, including the all-zero ID.
func ParseSpanID(s string) (SpanID, bool) {
	if len(s) != 16 {
		return 0, false
	}
	v, ok := parseHex64(s)
	if !ok || v == 0 {
		return 0, false
	}
	return SpanID(v), true
}

const hexDigits = "0123456789abcdef"

// appendHex64 appends v as 16 lower-case hex digits, as propagation headers
// and the encoders both need.
func appendHex64(dst []byte, v uint64) []byte { return propagation.AppendHex64(dst, v) }

// parseHex64 parses up to 16 lower-case hex digits. Upper-case digits are
// rejected: Zipkin and B3 require lower case, and W3C forbids upper case.
func parseHex64(s string) (uint64, bool) {
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			return 0, false
		}
		v = v<<4 | uint64(c)
	}
	return v, true
}

// newTraceID returns a random, non-zero 128-bit trace ID. math/rand/v2's
// top-level functions use the runtime's per-thread generator: no global lock.
func newTraceID() TraceID {
	for {
		t := TraceID{High: rand.Uint64(), Low: rand.Uint64()}
		if t.High != 0 && t.Low != 0 {
			return t
		}
	}
}

// newSpanID returns a random, non-zero span ID.
func newSpanID() SpanID {
	for {
		if v := rand.Uint64(); v != 0 {
			return SpanID(v)
		}
	}
}

// Decision is a sampling decision as it travels between services.
type Decision uint8

const (
	// Defer means no decision was made upstream: the receiver decides
	// (B3 without a sampling state).
	Defer Decision = iota
	// Accept means the trace is sampled (B3 "1", W3C flag 01).
	Accept
	// Deny means the trace is not sampled (B3 "0").
	Deny
)

// SpanContext is what identifies a span across process boundaries: the
// part of a span that propagation formats carry.
type SpanContext struct {
	TraceID  TraceID
	ID       SpanID
	ParentID SpanID // zero for a root span
	Sampling Decision
	Debug    bool // forces sampling, and is reported as "debug": true
	// TraceState is the W3C tracestate header, passed through unchanged.
	TraceState string
}

// copyFrom sets sc to src one field at a time. src is most often a value
// its caller has just built on the stack, field by field; a whole-struct
// copy would read it back in wider moves than it was written with, which
// the CPU cannot forward from its store buffer and waits out.
func (sc *SpanContext) copyFrom(src *SpanContext) {
	sc.TraceID, sc.ID, sc.ParentID = src.TraceID, src.ID, src.ParentID
	sc.Sampling, sc.Debug, sc.TraceState = src.Sampling, src.Debug, src.TraceState
}

// IsValid reports whether sc has both a trace ID and a span ID.
func (sc SpanContext) IsValid() bool { return !sc.TraceID.IsZero() && sc.ID != 0 }

// IsSampled reports whether the trace is being recorded: accepted or debug.
func (sc SpanContext) IsSampled() bool { return sc.Debug || sc.Sampling == Accept }

// Kind is the Zipkin span kind.
type Kind uint8

const (
	// Unspecified spans are local (in-process) work; kind is absent on the wire.
	Unspecified Kind = iota
	Client
	Server
	Producer
	Consumer
)

// String returns the Zipkin v2 name of k ("CLIENT", …), or "" for Unspecified.
func (k Kind) String() string {
	switch k {
	case Client:
		return "CLIENT"
	case Server:
		return "SERVER"
	case Producer:
		return "PRODUCER"
	case Consumer:
		return "CONSUMER"
	}
	return ""
}

// Endpoint is a Zipkin endpoint: the local service, or the remote peer of an
// RPC. Zero fields are absent on the wire (a zero Port is "unknown").
type Endpoint struct {
	ServiceName string
	Addr        netip.Addr // IPv4 or IPv6; the zero Addr is absent
	Port        uint16
}

// IsZero reports whether e carries no information.
func (e Endpoint) IsZero() bool { return e.ServiceName == "" && !e.Addr.IsValid() && e.Port == 0 }
