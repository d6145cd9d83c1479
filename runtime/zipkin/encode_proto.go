package zipkin

import (
	"encoding/binary"
	"unicode/utf8"
)

// Field numbers of zipkin.proto (package zipkin.proto3).
const (
	protoListSpans = 1 // ListOfSpans.spans

	protoSpanTraceID    = 1
	protoSpanParentID   = 2
	protoSpanID         = 3
	protoSpanKind       = 4
	protoSpanName       = 5
	protoSpanTimestamp  = 6
	protoSpanDuration   = 7
	protoSpanLocal      = 8
	protoSpanRemote     = 9
	protoSpanAnnotation = 10
	protoSpanTag        = 11
	protoSpanDebug      = 12
	protoSpanShared     = 13

	protoEndpointService = 1
	protoEndpointIPv4    = 2
	protoEndpointIPv6    = 3
	protoEndpointPort    = 4

	protoAnnotationTimestamp = 1
	protoAnnotationValue     = 2

	protoMapKey   = 1
	protoMapValue = 2
)

// Protobuf wire types.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
)

// AppendProto appends s, a finished span, as one element of zipkin.proto's
// ListOfSpans (field 1, length-delimited), so concatenating the elements of
// several spans makes a ListOfSpans message. With a reused dst it does not
// allocate. A nil s appends nothing.
func AppendProto(dst []byte, s *Span) []byte {
	if s == nil {
		return dst
	}
	dst = appendProtoKey(dst, protoListSpans, wireBytes)
	mark := len(dst)
	dst = appendProtoSpanBody(dst, s)
	return insertProtoLength(dst, mark)
}

func appendProtoSpanBody(dst []byte, s *Span) []byte {
	dst = appendProtoIDs(dst, &s.sc)
	if s.kind != Unspecified {
		dst = appendProtoKey(dst, protoSpanKind, wireVarint)
		dst = binary.AppendUvarint(dst, uint64(s.kind)) // Kind matches the proto enum
	}
	if s.name != "" {
		dst = appendProtoString(dst, protoSpanName, s.name)
	}
	dst = appendProtoKey(dst, protoSpanTimestamp, wireFixed64)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(s.startWall/1e3))
	dst = appendProtoKey(dst, protoSpanDuration, wireVarint)
	dst = binary.AppendUvarint(dst, uint64(s.durationMicros()))
	if s.tracer != nil {
		dst = append(dst, s.tracer.localProto...) // encoded by New
	}
	if r := s.remote(); !r.IsZero() {
		dst = appendProtoEndpoint(dst, protoSpanRemote, r)
	}
	for i := range s.annotationCount() {
		dst = appendProtoAnnotation(dst, s.annotationAt(i))
	}
	for i := range s.tagCount() {
		t := s.tagAt(i)
		dst = appendProtoTag(dst, &t)
	}
	if s.sc.Debug {
		dst = appendProtoKey(dst, protoSpanDebug, wireVarint)
		dst = append(dst, 1)
	}
	if s.shared {
		dst = appendProtoKey(dst, protoSpanShared, wireVarint)
		dst = append(dst, 1)
	}
	return dst
}

// appendProtoIDs appends the trace, parent and span IDs as big-endian
// bytes: 16 or 8 for the trace ID, 8 for the others.
func appendProtoIDs(dst []byte, sc *SpanContext) []byte {
	var id [16]byte
	if sc.TraceID.High != 0 {
		binary.BigEndian.PutUint64(id[:8], sc.TraceID.High)
		binary.BigEndian.PutUint64(id[8:], sc.TraceID.Low)
		dst = appendProtoBytes(dst, protoSpanTraceID, id[:16])
	} else {
		binary.BigEndian.PutUint64(id[:8], sc.TraceID.Low)
		dst = appendProtoBytes(dst, protoSpanTraceID, id[:8])
	}
	if sc.ParentID != 0 {
		binary.BigEndian.PutUint64(id[:8], uint64(sc.ParentID))
		dst = appendProtoBytes(dst, protoSpanParentID, id[:8])
	}
	binary.BigEndian.PutUint64(id[:8], uint64(sc.ID))
	dst = appendProtoBytes(dst, protoSpanID, id[:8])
	return dst
}

func appendProtoEndpoint(dst []byte, field int, e *Endpoint) []byte {
	dst = appendProtoKey(dst, field, wireBytes)
	mark := len(dst)
	if e.ServiceName != "" {
		dst = appendProtoString(dst, protoEndpointService, e.ServiceName)
	}
	if addr, ok := endpointIP(e); ok {
		if addr.Is4() {
			b := addr.As4()
			dst = appendProtoBytes(dst, protoEndpointIPv4, b[:])
		} else {
			b := addr.As16()
			dst = appendProtoBytes(dst, protoEndpointIPv6, b[:])
		}
	}
	if e.Port != 0 {
		dst = appendProtoKey(dst, protoEndpointPort, wireVarint)
		dst = binary.AppendUvarint(dst, uint64(e.Port))
	}
	return insertProtoLength(dst, mark)
}

func appendProtoAnnotation(dst []byte, a *annotation) []byte {
	dst = appendProtoKey(dst, protoSpanAnnotation, wireBytes)
	mark := len(dst)
	dst = appendProtoKey(dst, protoAnnotationTimestamp, wireFixed64)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(a.micros))
	dst = appendProtoString(dst, protoAnnotationValue, a.value)
	return insertProtoLength(dst, mark)
}

// appendProtoTag appends one map<string, string> entry.
func appendProtoTag(dst []byte, t *tag) []byte {
	dst = appendProtoKey(dst, protoSpanTag, wireBytes)
	mark := len(dst)
	dst = appendProtoString(dst, protoMapKey, t.key)
	if t.kind == tagString {
		dst = appendProtoString(dst, protoMapValue, t.str)
	} else {
		var buf [32]byte // any int64, uint64, float64 or bool in text
		dst = appendProtoBytes(dst, protoMapValue, t.appendValue(buf[:0]))
	}
	return insertProtoLength(dst, mark)
}

func appendProtoKey(dst []byte, field, wireType int) []byte {
	return binary.AppendUvarint(dst, uint64(field)<<3|uint64(wireType))
}

func appendProtoBytes(dst []byte, field int, b []byte) []byte {
	dst = appendProtoKey(dst, field, wireBytes)
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

// appendProtoString is appendProtoBytes for a string. Proto3 requires
// valid UTF-8 in string fields, so invalid bytes become U+FFFD.
func appendProtoString(dst []byte, field int, s string) []byte {
	dst = appendProtoKey(dst, field, wireBytes)
	if utf8.ValidString(s) {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		return append(dst, s...)
	}
	mark := len(dst)
	dst = appendValidUTF8(dst, s)
	return insertProtoLength(dst, mark)
}

// insertProtoLength turns dst[mark:] into a length-delimited value by
// inserting its length as a varint at mark. Writing the body first and
// shifting it is simpler than sizing every nested message twice, and
// spans are small.
func insertProtoLength(dst []byte, mark int) []byte {
	n := len(dst) - mark
	var lenBuf [binary.MaxVarintLen64]byte
	l := binary.PutUvarint(lenBuf[:], uint64(n))
	dst = append(dst, lenBuf[:l]...) // grow by l
	copy(dst[mark+l:], dst[mark:mark+n])
	copy(dst[mark:], lenBuf[:l])
	return dst
}

// appendValidUTF8 appends s with each invalid byte replaced by U+FFFD, as
// the JSON encoder does, without allocating.
func appendValidUTF8(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, utf8.RuneError)
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}
