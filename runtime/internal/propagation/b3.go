package propagation

// maxB3Single is the longest well-formed b3 value:
// 32 (trace) + 1 + 16 (span) + 1 + 1 (sampling) + 1 + 16 (parent).
const maxB3Single = 68

// ParseB3Multi parses the values of the X-B3-TraceId, X-B3-SpanId,
// X-B3-ParentSpanId, X-B3-Sampled and X-B3-Flags headers (empty when
// absent) into c, following openzipkin/b3-propagation:
//
//   - trace ID 16 or 32 lower-hex digits and span ID 16, both required
//     together; without both, only a sampling decision may be carried;
//   - sampled "1" accepts, "0" denies, absent defers; the legacy "true" and
//     "false" are accepted leniently; any other value makes the whole
//     context invalid;
//   - flags "1" is debug, which implies accept; other flag values are
//     ignored, as no implementation treats X-B3-Flags as a bit field;
//   - an all-zero parent is read as absent (a root), which some old
//     tracers send.
//
// It returns false, leaving c unchanged, when nothing usable was found.
func ParseB3Multi(traceID, spanID, parentID, sampled, flags string, c *Context) bool {
	s, ok := parseB3Sampled(sampled)
	if !ok {
		return false
	}
	debug := flags == "1"
	if debug {
		s = Accept
	}
	if traceID == "" && spanID == "" && parentID == "" {
		if !debug && s == Defer {
			return false
		}
		c.set(0, 0, 0, 0, s, debug)
		return true
	}
	if len(traceID) != 16 && len(traceID) != 32 {
		return false
	}
	hi, lo, ok := parseTraceID(traceID, false)
	if !ok {
		return false
	}
	span, ok := parseSpanID(spanID)
	if !ok {
		return false
	}
	var parent uint64
	if parentID != "" {
		if parent, ok = parseHex16(parentID, false); !ok {
			return false
		}
	}
	c.set(hi, lo, span, parent, s, debug)
	return true
}

func parseB3Sampled(s string) (Sampling, bool) {
	switch s {
	case "":
		return Defer, true
	case "1", "true":
		return Accept, true
	case "0", "false":
		return Deny, true
	}
	return Defer, false
}

// B3Sampled returns the X-B3-Sampled value for c: "1", "0", or "" when the
// header is to be left out (a deferred decision, or debug, which is sent as
// X-B3-Flags: 1 and implies accept).
func B3Sampled(c Context) string {
	if c.Debug {
		return ""
	}
	switch c.Sampling {
	case Accept:
		return "1"
	case Deny:
		return "0"
	}
	return ""
}

// ParseB3Single parses the single "b3" header into c:
// {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]], or a sampling state
// alone ("0", "1" or "d"). The sampling state is "1" (accept), "0" (deny)
// or "d" (debug). It returns false, leaving c unchanged, for anything else.
func ParseB3Single(v string, c *Context) bool {
	if len(v) == 1 {
		s, debug, ok := parseB3State(v[0])
		if ok {
			c.set(0, 0, 0, 0, s, debug)
		}
		return ok
	}
	if len(v) > maxB3Single {
		return false
	}
	n := 16
	if len(v) >= 49 && v[32] == '-' {
		n = 32
	}
	if len(v) < n+17 || v[n] != '-' {
		return false
	}
	hi, lo, ok := parseTraceID(v[:n], false)
	if !ok {
		return false
	}
	span, ok := parseSpanID(v[n+1 : n+17])
	if !ok {
		return false
	}
	// The optional "-{state}[-{parent}]" after the IDs.
	var s Sampling
	var debug bool
	var parent uint64
	switch rest := v[n+17:]; len(rest) {
	case 0:
	case 2, 19:
		if rest[0] != '-' {
			return false
		}
		if s, debug, ok = parseB3State(rest[1]); !ok {
			return false
		}
		if len(rest) == 19 {
			if rest[2] != '-' {
				return false
			}
			if parent, ok = parseSpanID(rest[3:]); !ok {
				return false
			}
		}
	default:
		return false
	}
	c.set(hi, lo, span, parent, s, debug)
	return true
}

// parseB3State parses a single-header sampling state.
func parseB3State(b byte) (s Sampling, debug, ok bool) {
	switch b {
	case '0':
		return Deny, false, true
	case '1':
		return Accept, false, true
	case 'd':
		return Accept, true, true
	}
	return Defer, false, false
}

// AppendB3Single appends the single "b3" value for c. A context without IDs
// is written as its sampling state alone; a deferred one without IDs
// appends nothing. The parent is written only with a sampling state, since
// the format has no place for a parent without one.
func AppendB3Single(dst []byte, c Context) []byte {
	state := b3State(c)
	if !c.HasIDs() {
		if state != 0 {
			dst = append(dst, state)
		}
		return dst
	}
	dst = appendTraceID(dst, c.TraceHi, c.TraceLo)
	dst = append(dst, '-')
	dst = AppendHex64(dst, c.SpanID)
	if state == 0 {
		return dst
	}
	dst = append(dst, '-', state)
	if c.ParentID != 0 {
		dst = append(dst, '-')
		dst = AppendHex64(dst, c.ParentID)
	}
	return dst
}

// b3State returns the single-header sampling character, or 0 for defer.
func b3State(c Context) byte {
	switch {
	case c.Debug:
		return 'd'
	case c.Sampling == Accept:
		return '1'
	case c.Sampling == Deny:
		return '0'
	}
	return 0
}
