package propagation

import "strings"

// maxUber is the longest well-formed uber-trace-id value: 32 + 16 + 16 hex
// digits, 2 flag digits and three separators of up to 3 characters ("%3A").
const maxUber = 32 + 16 + 16 + 2 + 3*3

// ParseUber parses into c Jaeger's uber-trace-id value,
// {trace-id}:{span-id}:{parent-span-id}:{flags}:
//
//   - IDs are hex of any case, shorter values left-padded with zeros (up to
//     32 digits for the trace, 16 for the spans); trace and span ID must be
//     non-zero, the deprecated parent may be "0";
//   - separators may be URL-encoded as "%3A" (as some HTTP clients send);
//   - flags are one or two hex digits: bit 1 sampled, bit 2 debug (debug
//     implies sampled); a clear sampled bit denies, as Jaeger has no
//     deferred state.
//
// It returns false, leaving c unchanged, for an invalid value.
func ParseUber(v string, c *Context) bool {
	if len(v) < 7 || len(v) > maxUber {
		return false
	}
	var f [4]string
	if !splitUber(v, &f) {
		return false
	}
	hi, lo, ok := parseTraceID(f[0], true)
	if !ok {
		return false
	}
	span, ok := parseHex(f[1], true)
	if !ok || span == 0 {
		return false
	}
	parent, ok := parseHex(f[2], true)
	if !ok {
		return false
	}
	if len(f[3]) > 2 {
		return false
	}
	flags, ok := parseHex(f[3], true)
	if !ok {
		return false
	}
	debug := flags&2 != 0
	s := Deny
	if flags&1 != 0 || debug {
		s = Accept
	}
	c.set(hi, lo, span, parent, s, debug)
	return true
}

// splitUber splits v into exactly four fields at ':' or "%3A" (any case).
func splitUber(v string, f *[4]string) bool {
	if strings.IndexByte(v, '%') < 0 {
		return splitColons(v, f)
	}
	n, start := 0, 0
	for i := 0; i < len(v); {
		w := sepWidth(v, i)
		if w == 0 {
			i++
			continue
		}
		if n == 3 {
			return false
		}
		f[n] = v[start:i]
		n++
		i += w
		start = i
	}
	f[n] = v[start:]
	return n == 3
}

// splitColons is splitUber's fast path for the common, unescaped value.
func splitColons(v string, f *[4]string) bool {
	for n := 0; n < 3; n++ {
		i := strings.IndexByte(v, ':')
		if i < 0 {
			return false
		}
		f[n], v = v[:i], v[i+1:]
	}
	f[3] = v
	return strings.IndexByte(v, ':') < 0
}

// sepWidth returns the length of the separator at v[i], or 0.
func sepWidth(v string, i int) int {
	if v[i] == ':' {
		return 1
	}
	if v[i] == '%' && i+2 < len(v) && v[i+1] == '3' && (v[i+2] == 'A' || v[i+2] == 'a') {
		return 3
	}
	return 0
}

// AppendUber appends an uber-trace-id value for c with full-width IDs, a
// parent of "0" for a root, and flags "1" (sampled), "3" (debug, which
// Jaeger requires to be sent as sampled too) or "0" (denied or deferred:
// Jaeger cannot express defer). A context without IDs appends nothing.
func AppendUber(dst []byte, c Context) []byte {
	if !c.HasIDs() {
		return dst
	}
	dst = appendTraceID(dst, c.TraceHi, c.TraceLo)
	dst = append(dst, ':')
	dst = AppendHex64(dst, c.SpanID)
	dst = append(dst, ':')
	if c.ParentID == 0 {
		dst = append(dst, '0')
	} else {
		dst = AppendHex64(dst, c.ParentID)
	}
	switch {
	case c.Debug:
		return append(dst, ":3"...)
	case c.Sampling == Accept:
		return append(dst, ":1"...)
	}
	return append(dst, ":0"...)
}
