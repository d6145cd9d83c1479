package propagation

// traceparentLen is the length of a version-00 traceparent:
// 2 (version) + 1 + 32 (trace-id) + 1 + 16 (parent-id) + 1 + 2 (flags).
const traceparentLen = 55

// maxTraceparent bounds what a future version may add after the version-00
// fields. The W3C specification sets no limit; this only keeps hostile
// input from being treated as valid.
const maxTraceparent = 512

// ParseTraceparent parses a W3C traceparent value,
// {version}-{trace-id}-{parent-id}-{trace-flags}, into c by the rules of
// W3C Trace Context level 1:
//
//   - all fields lower-case hex; version "ff" is invalid;
//   - version "00" is exactly 55 characters;
//   - a higher version is parsed as version 00 for forward compatibility,
//     provided that anything after the first 55 characters starts with "-";
//   - all-zero trace-id or parent-id is invalid.
//
// The parent-id becomes Context.SpanID (it is the caller's span). The
// sampled flag maps to Accept, its absence to Deny: W3C carries no
// deferred state, and honouring the caller's "not recorded" keeps traces
// whole, as OpenTelemetry's parent-based sampler does. It returns false,
// leaving c unchanged, for an invalid value.
func ParseTraceparent(v string, c *Context) bool {
	if len(v) < traceparentLen || len(v) > maxTraceparent {
		return false
	}
	version, ok := parseHex2(v[0], v[1])
	if !ok || version == 0xff {
		return false
	}
	if version == 0 && len(v) != traceparentLen {
		return false
	}
	if len(v) > traceparentLen && v[traceparentLen] != '-' {
		return false
	}
	if v[2] != '-' || v[35] != '-' || v[52] != '-' {
		return false
	}
	hi, lo, ok := parseTraceID(v[3:35], false)
	if !ok {
		return false
	}
	span, ok := parseSpanID(v[36:52])
	if !ok {
		return false
	}
	flags, ok := parseHex2(v[53], v[54])
	if !ok {
		return false
	}
	s := Deny
	if flags&1 != 0 {
		s = Accept
	}
	c.set(hi, lo, span, 0, s, false)
	return true
}

// AppendTraceparent appends a version-00 traceparent for c. A 64-bit trace
// ID is left-padded with zeros to 128 bits, as W3C requires. Debug is sent
// as sampled (W3C has no debug flag), a deferred decision as not sampled.
// A context without IDs appends nothing.
func AppendTraceparent(dst []byte, c Context) []byte {
	if !c.HasIDs() {
		return dst
	}
	dst = append(dst, "00-"...)
	dst = AppendHex64(dst, c.TraceHi)
	dst = AppendHex64(dst, c.TraceLo)
	dst = append(dst, '-')
	dst = AppendHex64(dst, c.SpanID)
	if c.sampled() {
		return append(dst, "-01"...)
	}
	return append(dst, "-00"...)
}

// Tracestate limits: W3C allows at most 32 list members; 512 characters is
// what every vendor must propagate, and the bound used here, generously
// quadrupled, against hostile input.
const (
	maxTracestateMembers = 32
	maxTracestate        = 2048
)

// ValidTracestate reports whether v may be passed through as a tracestate
// value: at most 32 comma-separated members of printable ASCII, each blank
// (allowed by the specification) or a key=value pair with both sides
// non-empty. It checks the shape only, not each vendor's key grammar, so
// that values written by newer vendors survive.
func ValidTracestate(v string) bool {
	if len(v) == 0 || len(v) > maxTracestate {
		return false
	}
	members := 0
	for start := 0; start <= len(v); {
		end := start
		for end < len(v) && v[end] != ',' {
			end++
		}
		if members++; members > maxTracestateMembers || !validMember(v[start:end]) {
			return false
		}
		start = end + 1
	}
	return true
}

// validMember checks one list member, surrounding blanks allowed.
func validMember(m string) bool {
	m = trimBlanks(m)
	if m == "" {
		return true
	}
	eq := -1
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c < 0x20 || c > 0x7e {
			return false
		}
		if c == '=' && eq < 0 {
			eq = i
		}
	}
	return eq > 0 && eq < len(m)-1
}

func trimBlanks(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
