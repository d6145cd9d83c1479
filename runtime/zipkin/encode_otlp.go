package zipkin

import (
	"encoding/binary"
	"math"
	"runtime/debug"
	"sync"
	"unicode/utf8"
)

// Field numbers of the OTLP trace protocol (opentelemetry-proto:
// collector/trace/v1/trace_service.proto, trace/v1/trace.proto,
// common/v1/common.proto, resource/v1/resource.proto).
const (
	otlpRequestResourceSpans = 1 // ExportTraceServiceRequest.resource_spans

	otlpResourceSpansResource = 1
	otlpResourceSpansScope    = 2 // ResourceSpans.scope_spans
	otlpResourceAttributes    = 1
	otlpScopeSpansScope       = 1
	otlpScopeSpansSpans       = 2
	otlpScopeName             = 1
	otlpScopeVersion          = 2

	otlpSpanTraceID      = 1
	otlpSpanSpanID       = 2
	otlpSpanTraceState   = 3
	otlpSpanParentSpanID = 4
	otlpSpanName         = 5
	otlpSpanKind         = 6
	otlpSpanStart        = 7 // fixed64
	otlpSpanEnd          = 8 // fixed64
	otlpSpanAttributes   = 9
	otlpSpanEvents       = 11
	otlpSpanStatus       = 15
	otlpSpanFlags        = 16 // fixed32

	otlpEventTime = 1 // fixed64
	otlpEventName = 2

	otlpStatusMessage = 2
	otlpStatusCode    = 3

	otlpKeyValueKey   = 1
	otlpKeyValueValue = 2

	otlpAnyString = 1
	otlpAnyBool   = 2
	otlpAnyInt    = 3
	otlpAnyDouble = 4 // fixed64

	otlpPartialSuccess         = 1 // ExportTraceServiceResponse.partial_success
	otlpPartialRejectedSpans   = 1
	otlpPartialErrorMessage    = 2
	otlpSpanKindInternal       = 1
	otlpStatusCodeError        = 2
	otlpFlagSampled            = 0x01  // W3C trace flags: only sampled spans are reported
	otlpFlagHasIsRemote        = 0x100 // SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
	otlpFlagIsRemote           = 0x200 // SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK
	wireFixed32                = 5
	otlpInstrumentationScope   = "zipkingen"
	otlpModulePath             = "github.com/zipkingen/zipkingen"
	otlpAttrServiceName        = "service.name"
	otlpAttrPeerService        = "peer.service"
	otlpAttrNetworkPeerAddress = "network.peer.address"
	otlpAttrNetworkPeerPort    = "network.peer.port"
	otlpAttrLocalAddress       = "network.local.address"
	otlpAttrLocalPort          = "network.local.port"
)

// otlpKinds maps Kind to OTLP's SpanKind. A span without a Zipkin kind is
// in-process work: INTERNAL, the inverse of the specification's
// "INTERNAL is omitted" rule.
var otlpKinds = [...]uint8{Unspecified: otlpSpanKindInternal, Client: 3, Server: 2, Producer: 4, Consumer: 5}

// AppendOTLP appends s, a finished span, as one element of OTLP's
// ScopeSpans.spans (field 2, length-delimited). The span's resource (the
// local service) and instrumentation scope are not part of it: see
// AppendOTLPRequest for a whole ExportTraceServiceRequest. With a reused
// dst it does not allocate. A nil s appends nothing.
func AppendOTLP(dst []byte, s *Span) []byte {
	if s == nil {
		return dst
	}
	dst = appendProtoKey(dst, otlpScopeSpansSpans, wireBytes)
	mark := len(dst)
	dst = appendOTLPSpanBody(dst, s)
	return insertProtoLength(dst, mark)
}

// AppendOTLPRequest appends spans as an OTLP ExportTraceServiceRequest,
// the body of a POST to /v1/traces: one ResourceSpans for each run of
// consecutive spans from the same Tracer (the resource is its local
// endpoint), each with the zipkingen instrumentation scope. Nil spans are
// skipped; no spans make an empty request.
func AppendOTLPRequest(dst []byte, spans []*Span) []byte {
	var buf [128]byte // the resource of most tracers fits: no allocation
	res := buf[:0]
	for i := 0; i < len(spans); {
		if spans[i] == nil {
			i++
			continue
		}
		tr := spans[i].tracer
		res = appendOTLPResource(res[:0], tr)
		mark := len(dst)
		for ; i < len(spans) && (spans[i] == nil || spans[i].tracer == tr); i++ {
			dst = AppendOTLP(dst, spans[i])
		}
		dst = insertOTLPHeader(dst, mark, res)
	}
	return dst
}

// insertOTLPHeader turns the Span elements in dst[mark:] into one
// ResourceSpans element of an ExportTraceServiceRequest, with the given
// Resource field (from appendOTLPResource) and the zipkingen scope.
func insertOTLPHeader(dst []byte, mark int, resource []byte) []byte {
	var buf [128]byte
	hdr := appendOTLPHeader(buf[:0], resource, len(dst)-mark)
	n := len(hdr)
	dst = append(dst, hdr...) // grow by n
	copy(dst[mark+n:], dst[mark:len(dst)-n])
	copy(dst[mark:], hdr)
	return dst
}

// appendOTLPHeader appends what precedes spansLen bytes of Span elements
// to make them one ResourceSpans element: its key and length, the
// Resource, and the key, length and scope of its one ScopeSpans.
func appendOTLPHeader(dst, resource []byte, spansLen int) []byte {
	scope := otlpScope()
	scopeSpansLen := len(scope) + spansLen
	resourceSpansLen := len(resource) + 1 + uvarintLen(uint64(scopeSpansLen)) + scopeSpansLen
	dst = appendProtoKey(dst, otlpRequestResourceSpans, wireBytes)
	dst = binary.AppendUvarint(dst, uint64(resourceSpansLen))
	dst = append(dst, resource...)
	dst = appendProtoKey(dst, otlpResourceSpansScope, wireBytes)
	dst = binary.AppendUvarint(dst, uint64(scopeSpansLen))
	return append(dst, scope...)
}

// otlpHeaderMax bounds len(appendOTLPHeader(nil, resource, n)) for any n
// a batch can hold.
func otlpHeaderMax(resource []byte) int {
	return 2*(1+binary.MaxVarintLen64) + len(resource) + len(otlpScope())
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// appendOTLPResource appends the ResourceSpans.resource field for spans
// of tr: service.name from the local endpoint, and its address and port
// when set. A nil tracer (a span not made by Start) has no attributes.
func appendOTLPResource(dst []byte, tr *Tracer) []byte {
	dst = appendProtoKey(dst, otlpResourceSpansResource, wireBytes)
	mark := len(dst)
	if tr != nil {
		local := &tr.local
		if local.ServiceName != "" {
			dst = appendOTLPStringAttr(dst, otlpResourceAttributes, otlpAttrServiceName, local.ServiceName)
		}
		dst = appendOTLPAddress(dst, otlpResourceAttributes, otlpAttrLocalAddress, otlpAttrLocalPort, local)
	}
	return insertProtoLength(dst, mark)
}

// appendOTLPAddress appends e's IP and port, when known, as the attributes
// addrKey and portKey of field (the resource's local endpoint, a span's
// remote one).
func appendOTLPAddress(dst []byte, field int, addrKey, portKey string, e *Endpoint) []byte {
	if addr, ok := endpointIP(e); ok {
		var buf [64]byte
		dst = appendOTLPBytesAttr(dst, field, addrKey, addr.AppendTo(buf[:0]))
	}
	if e.Port != 0 {
		dst = appendOTLPIntAttr(dst, field, portKey, int64(e.Port))
	}
	return dst
}

// otlpScope is the ScopeSpans.scope field: name zipkingen, and the
// version of the zipkingen module the program was built with, when the
// build recorded one.
var otlpScope = sync.OnceValue(func() []byte {
	dst := appendProtoKey(nil, otlpScopeSpansScope, wireBytes)
	mark := len(dst)
	dst = appendProtoString(dst, otlpScopeName, otlpInstrumentationScope)
	if v := moduleVersion(); v != "" {
		dst = appendProtoString(dst, otlpScopeVersion, v)
	}
	return insertProtoLength(dst, mark)
})

// moduleVersion is the version of the zipkingen module in the running
// program ("" when unknown, as in tests and development builds).
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	v := ""
	if bi.Main.Path == otlpModulePath {
		v = bi.Main.Version
	}
	for _, d := range bi.Deps {
		if d.Path == otlpModulePath {
			v = d.Version
			if d.Replace != nil && d.Replace.Version != "" {
				v = d.Replace.Version
			}
		}
	}
	if v == "(devel)" {
		return ""
	}
	return v
}

func appendOTLPSpanBody(dst []byte, s *Span) []byte {
	dst = appendOTLPIDs(dst, &s.sc)
	flags := uint32(otlpFlagSampled | otlpFlagHasIsRemote)
	if s.localRoot && s.sc.ParentID != 0 {
		flags |= otlpFlagIsRemote
	}
	dst = appendProtoKey(dst, otlpSpanFlags, wireFixed32)
	dst = binary.LittleEndian.AppendUint32(dst, flags)
	if s.name != "" {
		dst = appendProtoString(dst, otlpSpanName, s.name)
	}
	dst = appendProtoKey(dst, otlpSpanKind, wireVarint)
	dst = append(dst, otlpKind(s.kind))
	dst = appendProtoKey(dst, otlpSpanStart, wireFixed64)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(s.startWall))
	dst = appendProtoKey(dst, otlpSpanEnd, wireFixed64)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(s.startWall+int64(max(s.duration, 0))))
	errTag, hasErr, hasPeer := tag{}, false, false
	for i := range s.tagCount() {
		t := s.tagAt(i)
		switch t.key {
		case "error":
			errTag, hasErr = t, true
			continue // becomes the status
		case otlpAttrPeerService:
			hasPeer = true
		}
		dst = appendOTLPTag(dst, &t)
	}
	if r := s.remote(); !r.IsZero() {
		dst = appendOTLPRemote(dst, r, hasPeer)
	}
	for i := range s.annotationCount() {
		dst = appendOTLPEvent(dst, s.annotationAt(i))
	}
	if hasErr {
		dst = appendOTLPErrorStatus(dst, &errTag)
	}
	return dst
}

func otlpKind(k Kind) byte {
	if int(k) < len(otlpKinds) {
		return otlpKinds[k]
	}
	return otlpSpanKindInternal
}

// appendOTLPIDs appends the trace, span and parent IDs, and the W3C
// tracestate passed through from upstream. OTLP trace IDs are
// always 16 bytes: a 64-bit Zipkin trace ID is left-padded with zeros,
// which is how B3 propagation widens it too, so the two formats name the
// same trace.
func appendOTLPIDs(dst []byte, sc *SpanContext) []byte {
	var id [16]byte
	binary.BigEndian.PutUint64(id[:8], sc.TraceID.High)
	binary.BigEndian.PutUint64(id[8:], sc.TraceID.Low)
	dst = appendProtoBytes(dst, otlpSpanTraceID, id[:16])
	binary.BigEndian.PutUint64(id[:8], uint64(sc.ID))
	dst = appendProtoBytes(dst, otlpSpanSpanID, id[:8])
	if sc.TraceState != "" {
		dst = appendProtoString(dst, otlpSpanTraceState, sc.TraceState)
	}
	if sc.ParentID != 0 {
		binary.BigEndian.PutUint64(id[:8], uint64(sc.ParentID))
		dst = appendProtoBytes(dst, otlpSpanParentSpanID, id[:8])
	}
	return dst
}

// appendOTLPTag appends a tag as an attribute of the same type. OTLP has
// no unsigned integers: a uint64 above MaxInt64 is sent as its decimal
// string rather than wrapped to a negative number.
func appendOTLPTag(dst []byte, t *tag) []byte {
	switch t.kind {
	case tagInt:
		return appendOTLPIntAttr(dst, otlpSpanAttributes, t.key, int64(t.num))
	case tagUint:
		if t.num <= math.MaxInt64 {
			return appendOTLPIntAttr(dst, otlpSpanAttributes, t.key, int64(t.num))
		}
		var buf [32]byte
		return appendOTLPBytesAttr(dst, otlpSpanAttributes, t.key, t.appendValue(buf[:0]))
	case tagFloat:
		return appendOTLPAttr(dst, otlpSpanAttributes, t.key, otlpAnyDouble, wireFixed64, t.num)
	case tagBool:
		return appendOTLPAttr(dst, otlpSpanAttributes, t.key, otlpAnyBool, wireVarint, t.num)
	}
	return appendOTLPStringAttr(dst, otlpSpanAttributes, t.key, t.str)
}

// appendOTLPRemote appends the remote endpoint as peer.service (unless a
// tag set it), network.peer.address and network.peer.port.
func appendOTLPRemote(dst []byte, r *Endpoint, hasPeer bool) []byte {
	if r.ServiceName != "" && !hasPeer {
		dst = appendOTLPStringAttr(dst, otlpSpanAttributes, otlpAttrPeerService, r.ServiceName)
	}
	return appendOTLPAddress(dst, otlpSpanAttributes, otlpAttrNetworkPeerAddress, otlpAttrNetworkPeerPort, r)
}

func appendOTLPEvent(dst []byte, a *annotation) []byte {
	dst = appendProtoKey(dst, otlpSpanEvents, wireBytes)
	mark := len(dst)
	dst = appendProtoKey(dst, otlpEventTime, wireFixed64)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(a.micros*1e3))
	dst = appendProtoString(dst, otlpEventName, a.value)
	return insertProtoLength(dst, mark)
}

// appendOTLPErrorStatus appends status ERROR with the error tag's value
// as its message.
func appendOTLPErrorStatus(dst []byte, t *tag) []byte {
	dst = appendProtoKey(dst, otlpSpanStatus, wireBytes)
	mark := len(dst)
	if t.kind == tagString {
		if t.str != "" {
			dst = appendProtoString(dst, otlpStatusMessage, t.str)
		}
	} else {
		var buf [32]byte
		dst = appendProtoBytes(dst, otlpStatusMessage, t.appendValue(buf[:0]))
	}
	dst = appendProtoKey(dst, otlpStatusCode, wireVarint)
	dst = append(dst, otlpStatusCodeError)
	return insertProtoLength(dst, mark)
}

// appendOTLPStringAttr appends a KeyValue with a string AnyValue as field.
func appendOTLPStringAttr(dst []byte, field int, key, value string) []byte {
	if !utf8.ValidString(value) {
		dst, mark := appendOTLPKeyValueStart(dst, field, key, -1)
		dst = appendProtoKey(dst, otlpKeyValueValue, wireBytes)
		inner := len(dst)
		dst = appendProtoString(dst, otlpAnyString, value) // repairs it
		return insertProtoLength(insertProtoLength(dst, inner), mark)
	}
	dst, mark := appendOTLPKeyValueStart(dst, field, key, protoStringSize(len(value)))
	dst = appendProtoKey(dst, otlpAnyString, wireBytes)
	dst = binary.AppendUvarint(dst, uint64(len(value)))
	return endOTLPKeyValue(append(dst, value...), mark)
}

// appendOTLPBytesAttr is appendOTLPStringAttr for a value in a byte
// slice, valid UTF-8 (formatted numbers and addresses).
func appendOTLPBytesAttr(dst []byte, field int, key string, value []byte) []byte {
	dst, mark := appendOTLPKeyValueStart(dst, field, key, protoStringSize(len(value)))
	return endOTLPKeyValue(appendProtoBytes(dst, otlpAnyString, value), mark)
}

func appendOTLPIntAttr(dst []byte, field int, key string, v int64) []byte {
	return appendOTLPAttr(dst, field, key, otlpAnyInt, wireVarint, uint64(v))
}

// appendOTLPAttr appends a KeyValue whose AnyValue is a scalar: a varint
// (int, bool) or a fixed64 (double).
func appendOTLPAttr(dst []byte, field int, key string, anyField, wire int, v uint64) []byte {
	anyLen := 1 + 8
	if wire == wireVarint {
		anyLen = 1 + uvarintLen(v)
	}
	dst, mark := appendOTLPKeyValueStart(dst, field, key, anyLen)
	dst = appendProtoKey(dst, anyField, wire)
	if wire == wireFixed64 {
		dst = binary.LittleEndian.AppendUint64(dst, v)
	} else {
		dst = binary.AppendUvarint(dst, v)
	}
	return endOTLPKeyValue(dst, mark)
}

// appendOTLPKeyValueStart appends a KeyValue's field key and length, its
// key, and the key and length of its AnyValue, whose encoded size is
// anyLen; the caller appends the AnyValue's one field, then calls
// endOTLPKeyValue with the mark returned. Sizing up front spares the two
// shifts of insertProtoLength on every attribute. When the size is not
// known beforehand (anyLen -1: only the KeyValue's key is appended) or
// the key is not valid UTF-8 (it is repaired, changing its length), the
// KeyValue's length is inserted at the end instead: mark is where.
func appendOTLPKeyValueStart(dst []byte, field int, key string, anyLen int) ([]byte, int) {
	dst = appendProtoKey(dst, field, wireBytes)
	if anyLen < 0 || !utf8.ValidString(key) {
		mark := len(dst)
		dst = appendProtoString(dst, otlpKeyValueKey, key)
		if anyLen >= 0 {
			dst = appendProtoKey(dst, otlpKeyValueValue, wireBytes)
			dst = binary.AppendUvarint(dst, uint64(anyLen))
		}
		return dst, mark
	}
	kvLen := protoStringSize(len(key)) + 1 + uvarintLen(uint64(anyLen)) + anyLen
	dst = binary.AppendUvarint(dst, uint64(kvLen))
	dst = appendProtoKey(dst, otlpKeyValueKey, wireBytes)
	dst = binary.AppendUvarint(dst, uint64(len(key)))
	dst = append(dst, key...)
	dst = appendProtoKey(dst, otlpKeyValueValue, wireBytes)
	return binary.AppendUvarint(dst, uint64(anyLen)), -1
}

// endOTLPKeyValue completes a KeyValue begun by appendOTLPKeyValueStart.
func endOTLPKeyValue(dst []byte, mark int) []byte {
	if mark < 0 {
		return dst
	}
	return insertProtoLength(dst, mark)
}

// protoStringSize is the encoded size of a string or bytes field numbered
// under 16 whose value is n bytes long.
func protoStringSize(n int) int { return 1 + uvarintLen(uint64(n)) + n }
