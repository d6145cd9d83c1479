package zipkin

import (
	"math"
	"net/netip"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends s, a finished span, as one Zipkin v2 JSON object.
// With a reused dst it does not allocate. A nil s appends nothing.
func AppendJSON(dst []byte, s *Span) []byte {
	if s == nil {
		return dst
	}
	dst = appendJSONIDs(dst, &s.sc)
	if k := s.kind.String(); k != "" {
		dst = append(dst, `,"kind":"`...)
		dst = append(dst, k...)
		dst = append(dst, '"')
	}
	if s.name != "" {
		dst = append(dst, `,"name":`...)
		dst = appendJSONString(dst, s.name)
	}
	dst = append(dst, `,"timestamp":`...)
	dst = strconv.AppendInt(dst, s.startWall/1e3, 10)
	dst = append(dst, `,"duration":`...)
	dst = strconv.AppendInt(dst, s.durationMicros(), 10)
	if s.tracer != nil {
		dst = append(dst, s.tracer.localJSON...) // encoded by New; empty for a tracer New did not build
	}
	if r := s.remote(); !r.IsZero() {
		dst = append(dst, `,"remoteEndpoint":`...)
		dst = appendJSONEndpoint(dst, r)
	}
	dst = appendJSONAnnotations(dst, s)
	dst = appendJSONTags(dst, s)
	if s.sc.Debug {
		dst = append(dst, `,"debug":true`...)
	}
	if s.shared {
		dst = append(dst, `,"shared":true`...)
	}
	return append(dst, '}')
}

// appendJSONIDs opens the object with the trace, parent and span IDs.
func appendJSONIDs(dst []byte, sc *SpanContext) []byte {
	dst = append(dst, `{"traceId":"`...)
	dst = sc.TraceID.AppendHex(dst)
	if sc.ParentID != 0 {
		dst = append(dst, `","parentId":"`...)
		dst = sc.ParentID.AppendHex(dst)
	}
	dst = append(dst, `","id":"`...)
	dst = sc.ID.AppendHex(dst)
	return append(dst, '"')
}

// AppendJSONList appends spans as a JSON array, the body of a POST to
// /api/v2/spans.
func AppendJSONList(dst []byte, spans []*Span) []byte {
	dst = append(dst, '[')
	for i, s := range spans {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendJSON(dst, s)
	}
	return append(dst, ']')
}

// durationMicros is the wire duration: whole microseconds, at least 1. It
// is the end truncated to microseconds minus the start truncated the same
// way, so that a child that ends within its parent also does so on the
// wire (truncating the duration alone can overshoot the parent by 1µs).
func (s *Span) durationMicros() int64 {
	start := s.startWall
	if d := (start+int64(s.duration))/1e3 - start/1e3; d >= 1 {
		return d
	}
	return 1
}

func appendJSONEndpoint(dst []byte, e *Endpoint) []byte {
	dst = append(dst, '{')
	sep := false
	if e.ServiceName != "" {
		dst = append(dst, `"serviceName":`...)
		dst = appendJSONString(dst, e.ServiceName)
		sep = true
	}
	if addr, ok := endpointIP(e); ok {
		if sep {
			dst = append(dst, ',')
		}
		if addr.Is4() {
			dst = append(dst, `"ipv4":"`...)
		} else {
			dst = append(dst, `"ipv6":"`...)
		}
		dst = addr.AppendTo(dst)
		dst = append(dst, '"')
		sep = true
	}
	if e.Port != 0 {
		if sep {
			dst = append(dst, ',')
		}
		dst = append(dst, `"port":`...)
		dst = strconv.AppendUint(dst, uint64(e.Port), 10)
	}
	return append(dst, '}')
}

func appendJSONAnnotations(dst []byte, s *Span) []byte {
	n := s.annotationCount()
	if n == 0 {
		return dst
	}
	dst = append(dst, `,"annotations":[`...)
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
		}
		a := s.annotationAt(i)
		dst = append(dst, `{"timestamp":`...)
		dst = strconv.AppendInt(dst, a.micros, 10)
		dst = append(dst, `,"value":`...)
		dst = appendJSONString(dst, a.value)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func appendJSONTags(dst []byte, s *Span) []byte {
	n := s.tagCount()
	if n == 0 {
		return dst
	}
	dst = append(dst, `,"tags":{`...)
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
		}
		t := s.tagAt(i)
		dst = appendJSONString(dst, t.key)
		dst = append(dst, ':')
		if t.kind == tagString {
			dst = appendJSONString(dst, t.str)
			continue
		}
		dst = append(dst, '"')
		dst = t.appendValue(dst) // numbers and booleans need no escaping
		dst = append(dst, '"')
	}
	return append(dst, '}')
}

// tagCount and tagAt walk the tags in insertion order, inline ones first.
func (s *Span) tagCount() int {
	n := int(s.numTags)
	if s.ext != nil {
		n += len(s.ext.tags)
	}
	return n
}

func (s *Span) tagAt(i int) tag {
	if i < int(s.numTags) {
		t := &s.tags[i]
		return tag{key: t.key, str: t.str, num: t.num, kind: s.tagKinds[i]}
	}
	return s.ext.tags[i-int(s.numTags)]
}

// annotationCount and annotationAt walk the annotations in insertion order.
func (s *Span) annotationCount() int {
	n := int(s.numAnns)
	if s.ext != nil {
		n += len(s.ext.anns)
	}
	return n
}

func (s *Span) annotationAt(i int) *annotation {
	if i < int(s.numAnns) {
		return &s.anns[i]
	}
	return &s.ext.anns[i-int(s.numAnns)]
}

// appendValue appends the tag's value as text, formatted as fmt's %v would.
func (t *tag) appendValue(dst []byte) []byte {
	switch t.kind {
	case tagInt:
		return strconv.AppendInt(dst, int64(t.num), 10)
	case tagUint:
		return strconv.AppendUint(dst, t.num, 10)
	case tagFloat:
		return strconv.AppendFloat(dst, math.Float64frombits(t.num), 'g', -1, 64)
	case tagBool:
		return strconv.AppendBool(dst, t.num != 0)
	}
	return append(dst, t.str...)
}

// appendJSONString appends v as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, and U+2028
// and U+2029 escaped because JavaScript consumers treat them as newlines.
func appendJSONString(dst []byte, v string) []byte {
	dst = append(dst, '"')
	i := plainJSONPrefix(v)
	if i == len(v) { // the common case: nothing to escape
		dst = append(dst, v...)
		return append(dst, '"')
	}
	start := 0
	for i < len(v) {
		c := v[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, v[start:i]...)
			dst = appendEscapedASCII(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			dst = append(dst, v[start:i]...)
			switch r {
			case utf8.RuneError:
				dst = append(dst, `\ufffd`...)
			case '\u2028':
				dst = append(dst, `\u2028`...)
			default:
				dst = append(dst, `\u2029`...)
			}
			start = i + size
		}
		i += size
	}
	dst = append(dst, v[start:]...)
	return append(dst, '"')
}

// plainJSONPrefix returns the length of v's longest prefix of printable
// ASCII other than '"' and '\\': bytes that go into a JSON string as they
// are. It tests eight bytes at a time (SWAR), which is what makes encoding
// tag values and names cheap.
func plainJSONPrefix(v string) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(v); i += 8 {
		x := uint64(v[i]) | uint64(v[i+1])<<8 | uint64(v[i+2])<<16 | uint64(v[i+3])<<24 |
			uint64(v[i+4])<<32 | uint64(v[i+5])<<40 | uint64(v[i+6])<<48 | uint64(v[i+7])<<56
		q := x ^ (ones * '"')
		b := x ^ (ones * '\\')
		// A byte is flagged when its high bit is set (non-ASCII), when it is
		// below 0x20 (x - 0x20 borrows into the high bit of a byte that
		// had it clear), or when it equals '"' or '\\' (a zero byte of q or b).
		if (x|(x-ones*0x20)|(q-ones)&^q|(b-ones)&^b)&highs != 0 {
			break
		}
	}
	for ; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

func appendEscapedASCII(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// endpointIP returns e's address as the wire carries it: IPv4-mapped IPv6
// as IPv4, and without an IPv6 zone, which means nothing to a collector.
func endpointIP(e *Endpoint) (addr netip.Addr, ok bool) {
	if !e.Addr.IsValid() {
		return netip.Addr{}, false
	}
	return e.Addr.Unmap().WithZone(""), true
}
