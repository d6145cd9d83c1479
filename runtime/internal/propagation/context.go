package propagation

import "encoding/binary"

// Sampling is the tri-state sampling decision carried between services. Its
// values match zipkin.Decision so the conversion is a plain cast.
type Sampling uint8

const (
	// Defer leaves the decision to the receiver.
	Defer Sampling = iota
	// Accept means the trace is recorded.
	Accept
	// Deny means the trace is not recorded.
	Deny
)

// Context is a trace context as carried on the wire. A zero TraceLo and
// TraceHi (with a zero SpanID) and a non-Defer Sampling or Debug is a
// "sampling-only" context, such as B3's `b3: 0`.
type Context struct {
	TraceHi, TraceLo uint64 // TraceHi is zero for a 64-bit trace ID
	SpanID           uint64
	ParentID         uint64 // zero when absent (a root, or not carried)
	Sampling         Sampling
	Debug            bool
	// TraceState is the W3C tracestate value, passed through unchanged.
	TraceState string
}

// HasIDs reports whether c identifies a span: a non-zero trace ID and span
// ID. A context without IDs may still carry a sampling decision. The
// receiver is a pointer so that asking costs three loads, not a copy of the
// whole Context.
func (c *Context) HasIDs() bool {
	return (c.TraceHi != 0 || c.TraceLo != 0) && c.SpanID != 0
}

// set overwrites every field of c, one at a time. The parsers fill a
// caller's Context in place, and only once they have accepted the whole
// value: building a Context and then copying it whole would cost more than
// the parsing, as a wide load of just-written narrow fields cannot be
// forwarded from the store buffer and waits for the stores to reach the
// cache.
func (c *Context) set(hi, lo, span, parent uint64, s Sampling, debug bool) {
	c.TraceHi, c.TraceLo, c.SpanID, c.ParentID = hi, lo, span, parent
	c.Sampling, c.Debug, c.TraceState = s, debug, ""
}

// sampled reports whether the receiver is asked to record the trace.
func (c Context) sampled() bool { return c.Debug || c.Sampling == Accept }

const hexDigits = "0123456789abcdef"

// AppendHex64 appends v as exactly 16 lower-case hex digits, eight at a
// time: every ID a span carries is formatted on each outgoing request and
// again by the encoder, and a digit loop costs several times as much.
func AppendHex64(dst []byte, v uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(dst, hex8(uint32(v>>32))), hex8(uint32(v)))
}

// hex8 returns the 8 hex digits of v as the bytes of a word, the first
// digit in the most significant byte. The nibbles are spread one per byte
// (most significant nibble to most significant byte); then each byte n
// becomes '0'+n, plus 'a'-'0'-10 = 39 where n > 9, which adding 6 detects
// by carrying into bit 4. No byte carries into the next: n+6 ≤ 21.
func hex8(v uint32) uint64 {
	x := uint64(v)
	x = (x | x<<16) & 0x0000ffff0000ffff
	x = (x | x<<8) & 0x00ff00ff00ff00ff
	x = (x | x<<4) & 0x0f0f0f0f0f0f0f0f
	letters := (x + 0x0606060606060606) >> 4 & 0x0101010101010101
	return x + 0x3030303030303030 + letters*39
}

// appendTraceID appends a trace ID: 32 digits when 128 bits wide, else 16.
func appendTraceID(dst []byte, hi, lo uint64) []byte {
	if hi != 0 {
		dst = AppendHex64(dst, hi)
	}
	return AppendHex64(dst, lo)
}

// invalidHex marks bytes that are not hex digits in the tables below.
const invalidHex = 0xff

// hexLower and hexAnyCase map a byte to its hex value, or invalidHex. A
// table lookup per digit keeps the parsers branch-light. Upper case is
// accepted only by hexAnyCase: B3 and W3C require lower case, Jaeger does
// not.
var hexLower, hexAnyCase = hexTables()

func hexTables() (lower, anyCase [256]byte) {
	for i := range lower {
		lower[i], anyCase[i] = invalidHex, invalidHex
	}
	for i := byte(0); i < 16; i++ {
		lower[hexDigits[i]], anyCase[hexDigits[i]] = i, i
	}
	for i := byte(10); i < 16; i++ {
		anyCase['A'+i-10] = i
	}
	return lower, anyCase
}

// parseHex parses 1 to 16 hex digits.
func parseHex(s string, upper bool) (uint64, bool) {
	if len(s) == 16 {
		return parseHex16(s, upper)
	}
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	table := &hexLower
	if upper {
		table = &hexAnyCase
	}
	// OR-ing the table entries checks every digit at once at the end
	// (invalidHex has its high bits set) instead of branching per digit.
	var v uint64
	var bad byte
	for i := 0; i < len(s); i++ {
		d := table[s[i]]
		bad |= d
		v = v<<4 | uint64(d)
	}
	return v, bad&0xf0 == 0
}

// parseHex2 parses two lower-case hex digits, such as a traceparent's
// version and flags.
func parseHex2(a, b byte) (byte, bool) {
	x, y := hexLower[a], hexLower[b]
	return x<<4 | y, (x|y)&0xf0 == 0
}

// parseHex16 parses exactly 16 hex digits, the length of every span ID and
// of each half of a 128-bit trace ID: the hot case of every extraction. It
// converts eight digits at a time in a machine word (SWAR), without a
// branch or a table lookup per digit, both words in one body so that their
// work overlaps. It validates by writing the digits back: only lower-case
// hex digits survive the round trip (upper case is folded first when
// allowed).
func parseHex16(s string, upper bool) (uint64, bool) {
	if len(s) != 16 {
		return 0, false
	}
	hi, lo := load8(s[:8]), load8(s[8:])
	if upper {
		hi, lo = foldLetters(hi), foldLetters(lo)
	}
	dHi, dLo := digitValues(hi), digitValues(lo)
	if hexChars(dHi) != hi || hexChars(dLo) != lo {
		return 0, false
	}
	return packNibbles(dHi)<<32 | packNibbles(dLo), true
}

// load8 returns the first eight bytes of s big-endian, so that the first
// digit is the most significant; the compiler makes it one load.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0])<<56 | uint64(s[1])<<48 | uint64(s[2])<<40 | uint64(s[3])<<32 |
		uint64(s[4])<<24 | uint64(s[5])<<16 | uint64(s[6])<<8 | uint64(s[7])
}

// byteOnes has a one in every byte: times a byte, that byte in every byte.
const byteOnes = 0x0101010101010101

// digitValues maps every byte of x that is a lower-case hex digit to its
// value, and every other byte to some value below 16. A digit's low nibble
// is its value, plus 9 for letters, the bytes with bit 6 set. No byte's
// sum carries into the next.
func digitValues(x uint64) uint64 {
	return (x&(byteOnes*0x0f) + (x>>6&byteOnes)*9) & (byteOnes * 0x0f)
}

// hexChars is digitValues' inverse: it maps every byte of d, each below
// 16, to its lower-case hex digit. Since it maps the 16 values onto the 16
// digits, x is all digits exactly when hexChars(digitValues(x)) == x.
func hexChars(d uint64) uint64 {
	letters := (d + byteOnes*(0x80-10)) >> 7 & byteOnes // bytes of 10 and more
	return d + byteOnes*'0' + letters*('a'-'0'-10)
}

// foldLetters lower-cases the bytes of x that have bit 6 set (letters, and
// some non-letters: none of those becomes a hex digit) by setting bit 5.
func foldLetters(x uint64) uint64 {
	return x | x>>1&(byteOnes*0x20)
}

// packNibbles packs the eight nibbles of d, one a byte with the most
// significant first, as load8 and digitValues leave them, into 32 bits.
func packNibbles(d uint64) uint64 {
	d = (d>>4 | d) & 0x00ff00ff00ff00ff // pairs
	d = (d>>8 | d) & 0x0000ffff0000ffff
	return (d>>16 | d) & 0x00000000ffffffff
}

// parseTraceID parses a trace ID of 1 to 32 hex digits; the high half is
// whatever precedes the last 16 digits. Callers check the length they
// require before calling.
func parseTraceID(s string, upper bool) (hi, lo uint64, ok bool) {
	if len(s) == 32 { // the usual length: two halves, no dispatch
		hi, okHi := parseHex16(s[:16], upper)
		lo, okLo := parseHex16(s[16:], upper)
		if !okHi || !okLo || hi|lo == 0 {
			return 0, 0, false
		}
		return hi, lo, true
	}
	if len(s) == 0 || len(s) > 32 {
		return 0, 0, false
	}
	if len(s) > 16 {
		if hi, ok = parseHex(s[:len(s)-16], upper); !ok {
			return 0, 0, false
		}
		s = s[len(s)-16:]
	}
	if len(s) == 16 {
		lo, ok = parseHex16(s, upper) // the usual length: skip parseHex's dispatch
	} else {
		lo, ok = parseHex(s, upper)
	}
	if !ok || (hi == 0 && lo == 0) {
		return 0, 0, false
	}
	return hi, lo, true
}

// parseSpanID parses exactly 16 lower-case hex digits, non-zero.
func parseSpanID(s string) (uint64, bool) {
	v, ok := parseHex16(s, false)
	return v, ok && v != 0
}
