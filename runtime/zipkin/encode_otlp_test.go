package zipkin

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"net/netip"
	"testing"
	"time"
)

// pbMsg is a decoded protobuf message: its fields by number, in order.
type pbMsg map[int][]protoField

// decodePB splits a message into fields, like decodeProto, and also reads
// fixed32 (OTLP's span flags). It fails the test on malformed input.
func decodePB(t testing.TB, b []byte) pbMsg {
	t.Helper()
	m := pbMsg{}
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			t.Fatalf("bad key varint in %x", b)
		}
		b = b[n:]
		f := protoField{num: int(key >> 3), wire: int(key & 7)}
		switch f.wire {
		case wireVarint:
			f.varint, n = binary.Uvarint(b)
			if n <= 0 {
				t.Fatal("bad varint")
			}
			b = b[n:]
		case wireFixed64:
			if len(b) < 8 {
				t.Fatal("short fixed64")
			}
			f.varint, b = binary.LittleEndian.Uint64(b), b[8:]
		case wireFixed32:
			if len(b) < 4 {
				t.Fatal("short fixed32")
			}
			f.varint, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		case wireBytes:
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				t.Fatalf("bad length %d with %d bytes left", l, len(b)-n)
			}
			f.bytes, b = b[n:n+int(l)], b[n+int(l):]
		default:
			t.Fatalf("unexpected wire type %d", f.wire)
		}
		m[f.num] = append(m[f.num], f)
	}
	return m
}

// one returns the only occurrence of field num, failing if it is absent,
// repeated or of another wire type.
func (m pbMsg) one(t testing.TB, num, wire int) protoField {
	t.Helper()
	if len(m[num]) != 1 || m[num][0].wire != wire {
		t.Fatalf("field %d = %+v, want exactly one of wire type %d", num, m[num], wire)
	}
	return m[num][0]
}

// otlpValue renders an AnyValue as "type:value", so that a test sees the
// type an attribute was sent with.
func otlpValue(t testing.TB, b []byte) string {
	t.Helper()
	v := decodePB(t, b)
	if len(v) != 1 {
		t.Fatalf("AnyValue with %d fields: %+v", len(v), v)
	}
	switch {
	case v[otlpAnyString] != nil:
		return "string:" + string(v.one(t, otlpAnyString, wireBytes).bytes)
	case v[otlpAnyBool] != nil:
		return fmt.Sprintf("bool:%v", v.one(t, otlpAnyBool, wireVarint).varint != 0)
	case v[otlpAnyInt] != nil:
		return fmt.Sprintf("int:%d", int64(v.one(t, otlpAnyInt, wireVarint).varint))
	case v[otlpAnyDouble] != nil:
		return fmt.Sprintf("double:%v", math.Float64frombits(v.one(t, otlpAnyDouble, wireFixed64).varint))
	}
	t.Fatalf("AnyValue of unexpected kind: %+v", v)
	return ""
}

// otlpAttrs decodes repeated KeyValue fields, failing on duplicate keys.
func otlpAttrs(t testing.TB, kvs []protoField) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range kvs {
		kv := decodePB(t, f.bytes)
		k := string(kv.one(t, otlpKeyValueKey, wireBytes).bytes)
		if _, dup := out[k]; dup {
			t.Errorf("attribute %q twice", k)
		}
		out[k] = otlpValue(t, kv.one(t, otlpKeyValueValue, wireBytes).bytes)
	}
	return out
}

// otlpResourceSpans is one decoded ResourceSpans: its resource attributes,
// its scope and its spans (each a decoded Span message).
type otlpResourceSpans struct {
	resource map[string]string
	scope    pbMsg
	spans    []pbMsg
}

func decodeOTLPRequest(t testing.TB, b []byte) []otlpResourceSpans {
	t.Helper()
	req := decodePB(t, b)
	if len(req) > 1 {
		t.Fatalf("request has fields other than resource_spans: %+v", req)
	}
	var out []otlpResourceSpans
	for _, rsf := range req[otlpRequestResourceSpans] {
		rs := decodePB(t, rsf.bytes)
		res := decodePB(t, rs.one(t, otlpResourceSpansResource, wireBytes).bytes)
		ss := decodePB(t, rs.one(t, otlpResourceSpansScope, wireBytes).bytes)
		got := otlpResourceSpans{
			resource: otlpAttrs(t, res[otlpResourceAttributes]),
			scope:    decodePB(t, ss.one(t, otlpScopeSpansScope, wireBytes).bytes),
		}
		for _, sp := range ss[otlpScopeSpansSpans] {
			got.spans = append(got.spans, decodePB(t, sp.bytes))
		}
		out = append(out, got)
	}
	return out
}

func hexOf(b []byte) string { return string(appendHexBytes(nil, b)) }

func TestAppendOTLPRequestFullSpan(t *testing.T) {
	s := fullSpan(t)
	rss := decodeOTLPRequest(t, AppendOTLPRequest(nil, []*Span{s}))
	if len(rss) != 1 || len(rss[0].spans) != 1 {
		t.Fatalf("%d resource spans, want 1 with 1 span", len(rss))
	}
	rs := rss[0]
	wantRes := map[string]string{"service.name": "string:api", "network.local.address": "string:10.1.2.3", "network.local.port": "int:8080"}
	if fmt.Sprint(rs.resource) != fmt.Sprint(wantRes) {
		t.Errorf("resource = %v, want %v", rs.resource, wantRes)
	}
	if name := string(rs.scope.one(t, otlpScopeName, wireBytes).bytes); name != "zipkingen" {
		t.Errorf("scope name = %q", name)
	}
	if v := rs.scope[otlpScopeVersion]; v != nil { // tests run without a module version
		t.Errorf("scope version = %q in a test binary", v[0].bytes)
	}
	sp := rs.spans[0]
	sc := s.Context()
	if got := hexOf(sp.one(t, otlpSpanTraceID, wireBytes).bytes); got != "0102030405060708090a0b0c0d0e0f10" {
		t.Errorf("trace_id = %s", got)
	}
	if got := hexOf(sp.one(t, otlpSpanSpanID, wireBytes).bytes); got != sc.ID.String() {
		t.Errorf("span_id = %s, want %s", got, sc.ID)
	}
	if got := hexOf(sp.one(t, otlpSpanParentSpanID, wireBytes).bytes); got != "a1b2c3d4e5f60718" {
		t.Errorf("parent_span_id = %s", got)
	}
	if got := sp.one(t, otlpSpanFlags, wireFixed32).varint; got != 0x301 {
		t.Errorf("flags = %#x, want sampled, has-is-remote, is-remote (0x301): the parent came from another process", got)
	}
	if got := string(sp.one(t, otlpSpanName, wireBytes).bytes); got != "GET /users" {
		t.Errorf("name = %q", got)
	}
	if got := sp.one(t, otlpSpanKind, wireVarint).varint; got != 3 {
		t.Errorf("kind = %d, want 3 (CLIENT)", got)
	}
	if got := sp.one(t, otlpSpanStart, wireFixed64).varint; got != uint64(s.startWall) {
		t.Errorf("start = %d, want %d (Unix ns)", got, s.startWall)
	}
	if got := sp.one(t, otlpSpanEnd, wireFixed64).varint; got != uint64(s.startWall+int64(s.duration)) {
		t.Errorf("end = %d, want start + %v", got, s.duration)
	}
	wantAttrs := map[string]string{
		"http.method": "string:GET", "n": "int:-3", "ratio": "double:0.5", "ok": "bool:true",
		"big":          "string:18446744073709551615", // above MaxInt64: no OTLP integer holds it
		"peer.service": "string:db", "network.peer.address": "string:2001:db8::1", "network.peer.port": "int:5432",
	}
	if got := otlpAttrs(t, sp[otlpSpanAttributes]); fmt.Sprint(got) != fmt.Sprint(wantAttrs) {
		t.Errorf("attributes =\n%v, want\n%v", got, wantAttrs)
	}
	events := sp[otlpSpanEvents]
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	ev := decodePB(t, events[0].bytes)
	if got := ev.one(t, otlpEventTime, wireFixed64).varint; got != 1_700_000_000_000_123_000 {
		t.Errorf("event time = %d", got)
	}
	if got := string(ev.one(t, otlpEventName, wireBytes).bytes); got != "sent" {
		t.Errorf("event name = %q", got)
	}
	if got := string(decodePB(t, events[1].bytes).one(t, otlpEventName, wireBytes).bytes); got != "received" {
		t.Errorf("second event = %q", got)
	}
	for _, absent := range []int{otlpSpanTraceState, otlpSpanStatus, 10, 12, 13, 14} {
		if sp[absent] != nil {
			t.Errorf("field %d present: %+v", absent, sp[absent])
		}
	}
}

func TestAppendOTLPErrorBecomesStatus(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	for _, tc := range []struct {
		name    string
		tag     func(*Span)
		wantMsg string
	}{
		{"end with error", func(s *Span) { err := fmt.Errorf("boom"); s.End(&err) }, "boom"},
		{"string tag", func(s *Span) { s.Tag("error", "bad input"); s.End(nil) }, "bad input"},
		{"empty message", func(s *Span) { s.Tag("error", ""); s.End(nil) }, ""},
		{"bool tag", func(s *Span) { s.TagBool("error", true); s.End(nil) }, "true"},
	} {
		_, s := tr.Start(context.Background(), "op")
		s.Tag("a", "b")
		tc.tag(s)
		sp := decodeOTLPRequest(t, AppendOTLPRequest(nil, []*Span{s}))[0].spans[0]
		st := decodePB(t, sp.one(t, otlpSpanStatus, wireBytes).bytes)
		if code := st.one(t, otlpStatusCode, wireVarint).varint; code != 2 {
			t.Errorf("%s: status code = %d, want 2 (ERROR)", tc.name, code)
		}
		msg := ""
		if f := st[otlpStatusMessage]; f != nil {
			msg = string(f[0].bytes)
		}
		if msg != tc.wantMsg {
			t.Errorf("%s: status message = %q, want %q", tc.name, msg, tc.wantMsg)
		}
		if attrs := otlpAttrs(t, sp[otlpSpanAttributes]); len(attrs) != 1 || attrs["a"] != "string:b" {
			t.Errorf("%s: attributes = %v, want only a (error is the status)", tc.name, attrs)
		}
	}
}

func TestAppendOTLPRootAndChild(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	ctx, root := tr.Start(context.Background(), "")
	_, child := tr.Start(ctx, "child", WithRemoteService("db"))
	child.Tag("peer.service", "postgres") // an explicit tag wins over the remote endpoint
	child.End(nil)
	root.End(nil)
	rss := decodeOTLPRequest(t, AppendOTLPRequest(nil, []*Span{child, root}))
	if len(rss) != 1 || len(rss[0].spans) != 2 {
		t.Fatalf("want one ResourceSpans with both spans, got %d", len(rss))
	}
	c, r := rss[0].spans[0], rss[0].spans[1]
	if c.one(t, otlpSpanFlags, wireFixed32).varint != 0x101 || r.one(t, otlpSpanFlags, wireFixed32).varint != 0x101 {
		t.Errorf("flags = %#x, %#x, want 0x101 (sampled, parent not remote)", c[otlpSpanFlags][0].varint, r[otlpSpanFlags][0].varint)
	}
	if r[otlpSpanParentSpanID] != nil || r[otlpSpanName] != nil {
		t.Errorf("root has a parent or an empty name field: %+v", r)
	}
	if r.one(t, otlpSpanKind, wireVarint).varint != 1 {
		t.Errorf("kind of a span without Zipkin kind = %d, want 1 (INTERNAL)", r[otlpSpanKind][0].varint)
	}
	if got := hexOf(c.one(t, otlpSpanParentSpanID, wireBytes).bytes); got != root.Context().ID.String() {
		t.Errorf("child's parent = %s, want %s", got, root.Context().ID)
	}
	if attrs := otlpAttrs(t, c[otlpSpanAttributes]); attrs["peer.service"] != "string:postgres" || len(attrs) != 1 {
		t.Errorf("child attributes = %v", attrs)
	}
}

func TestAppendOTLPWidens64BitTraceID(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	_, s := tr.Start(context.Background(), "x", WithParent(SpanContext{TraceID: TraceID{Low: 0xabc}, ID: 1, Sampling: Accept, TraceState: "v=1"}),
		WithKind(Server), WithRemoteEndpoint(Endpoint{Addr: netip.MustParseAddr("::ffff:192.0.2.7"), Port: 80}))
	s.Tag("bad", "a\xffb")
	s.TagInt("k\xff", 1)
	s.Tag("j\xfe", "v")
	s.End(nil)
	sp := decodeOTLPRequest(t, AppendOTLPRequest(nil, []*Span{s}))[0].spans[0]
	if got := hexOf(sp.one(t, otlpSpanTraceID, wireBytes).bytes); got != "00000000000000000000000000000abc" {
		t.Errorf("trace_id = %s, want the 64-bit ID left-padded to 16 bytes", got)
	}
	if got := string(sp.one(t, otlpSpanTraceState, wireBytes).bytes); got != "v=1" {
		t.Errorf("trace_state = %q", got)
	}
	if got := sp.one(t, otlpSpanKind, wireVarint).varint; got != 2 {
		t.Errorf("kind = %d, want 2 (SERVER)", got)
	}
	want := map[string]string{"bad": "string:a\ufffdb", "k\ufffd": "int:1", "j\ufffd": "string:v", "network.peer.address": "string:192.0.2.7", "network.peer.port": "int:80"}
	if got := otlpAttrs(t, sp[otlpSpanAttributes]); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("attributes = %v, want %v", got, want)
	}
}

func TestAppendOTLPKinds(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	for k, want := range map[Kind]uint64{Unspecified: 1, Server: 2, Client: 3, Producer: 4, Consumer: 5} {
		_, s := tr.Start(context.Background(), "x", WithKind(k))
		s.End(nil)
		sp := decodePB(t, decodePB(t, AppendOTLP(nil, s)).one(t, otlpScopeSpansSpans, wireBytes).bytes)
		if got := sp.one(t, otlpSpanKind, wireVarint).varint; got != want {
			t.Errorf("Kind %v = %d, want %d", k, got, want)
		}
	}
}

func TestAppendOTLPRequestGroupsByTracer(t *testing.T) {
	a := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "a"})
	b := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "b"})
	var spans []*Span
	for _, tr := range []*Tracer{a, a, b, a} {
		_, s := tr.Start(context.Background(), "x")
		s.End(nil)
		spans = append(spans, s)
	}
	spans = append(spans, nil)
	rss := decodeOTLPRequest(t, AppendOTLPRequest(nil, spans))
	var got []string
	for _, rs := range rss {
		got = append(got, fmt.Sprintf("%s×%d", rs.resource["service.name"], len(rs.spans)))
	}
	if fmt.Sprint(got) != "[string:a×2 string:b×1 string:a×1]" {
		t.Errorf("resource spans = %v", got)
	}
	if len(AppendOTLPRequest(nil, nil)) != 0 {
		t.Error("an empty request is not empty")
	}
}

func TestAppendOTLPDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	s := fullSpan(t)
	buf := AppendOTLP(nil, s)
	if n := testing.AllocsPerRun(100, func() { buf = AppendOTLP(buf[:0], s) }); n != 0 {
		t.Errorf("AppendOTLP: %v allocs", n)
	}
}

func FuzzAppendOTLP(f *testing.F) {
	f.Add("name", "key", "value", "annotation", int64(7))
	f.Add("\x00", "error", "\\", "\u2028", int64(-1))
	f.Add("\xff\xfe", "peer.service", "\xed\xa0\x80", "\U0010ffff", int64(math.MinInt64))
	tr := newTracer(f, Options{Reporter: discardReporter{}, ServiceName: "fuzz"})
	f.Fuzz(func(t *testing.T, name, key, value, ann string, n int64) {
		_, s := tr.Start(context.Background(), name, WithRemoteService(value))
		s.Tag(key, value)
		s.TagInt(value, n)
		s.AnnotateAt(time.UnixMicro(n&(1<<50-1)), ann)
		s.End(nil)
		valid := func(s string) string { return string(appendValidUTF8(nil, s)) }
		if valid(key) == valid(value) {
			return // two keys that U+FFFD makes one: otlpAttrs rejects duplicates
		}
		rss := decodeOTLPRequest(t, AppendOTLPRequest(nil, []*Span{s}))
		if len(rss) != 1 || len(rss[0].spans) != 1 {
			t.Fatalf("decoded %d resource spans", len(rss))
		}
		sp := rss[0].spans[0]
		if name != "" && string(sp.one(t, otlpSpanName, wireBytes).bytes) != valid(name) {
			t.Errorf("name %q came back as %q", name, sp[otlpSpanName][0].bytes)
		}
		attrs := otlpAttrs(t, sp[otlpSpanAttributes])
		if key != "error" && key != "peer.service" && attrs[valid(key)] != "string:"+valid(value) {
			t.Errorf("tag %q=%q came back as %v", key, value, attrs)
		}
	})
}

func TestAppendOTLPRequestDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	spans := []*Span{fullSpan(t), fullSpan(t)}
	spans = append(spans, spans[0], spans[1])
	buf := AppendOTLPRequest(nil, spans)
	if n := testing.AllocsPerRun(100, func() { buf = AppendOTLPRequest(buf[:0], spans) }); n != 0 {
		t.Errorf("AppendOTLPRequest: %v allocs", n)
	}
}
