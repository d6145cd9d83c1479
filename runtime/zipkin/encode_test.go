package zipkin

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fullSpan is a finished span using every field of the wire format.
func fullSpan(t testing.TB) *Span {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "api",
		LocalAddr: netip.MustParseAddr("10.1.2.3"), LocalPort: 8080})
	parent := SpanContext{TraceID: TraceID{High: 0x0102030405060708, Low: 0x090a0b0c0d0e0f10}, ID: 0xa1b2c3d4e5f60718, Sampling: Accept, Debug: true}
	_, s := tr.Start(context.Background(), "GET /users", WithParent(parent), WithKind(Client),
		WithRemoteEndpoint(Endpoint{ServiceName: "db", Addr: netip.MustParseAddr("2001:db8::1"), Port: 5432}))
	s.Tag("http.method", "GET")
	s.TagInt("n", -3)
	s.TagFloat("ratio", 0.5)
	s.TagBool("ok", true)
	s.TagUint("big", math.MaxUint64)
	s.AnnotateAt(time.UnixMicro(1_700_000_000_000_123), "sent")
	s.Annotate("received")
	s.shared = true
	s.End(nil)
	return s
}

func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	return m
}

func TestAppendJSONFullSpan(t *testing.T) {
	s := fullSpan(t)
	m := decodeJSON(t, AppendJSON(nil, s))
	sc := s.Context()
	want := map[string]any{
		"traceId":  "0102030405060708090a0b0c0d0e0f10",
		"parentId": "a1b2c3d4e5f60718",
		"id":       sc.ID.String(),
		"kind":     "CLIENT",
		"name":     "GET /users",
		"debug":    true,
		"shared":   true,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	if ts, _ := m["timestamp"].(json.Number).Int64(); ts != s.startWall/1e3 {
		t.Errorf("timestamp = %v, want %d", m["timestamp"], s.startWall/1e3)
	}
	if d, _ := m["duration"].(json.Number).Int64(); d < 1 {
		t.Errorf("duration = %v", m["duration"])
	}
	local := m["localEndpoint"].(map[string]any)
	if local["serviceName"] != "api" || local["ipv4"] != "10.1.2.3" || local["port"] != json.Number("8080") {
		t.Errorf("localEndpoint = %v", local)
	}
	remote := m["remoteEndpoint"].(map[string]any)
	if remote["serviceName"] != "db" || remote["ipv6"] != "2001:db8::1" || remote["port"] != json.Number("5432") {
		t.Errorf("remoteEndpoint = %v", remote)
	}
	tags := m["tags"].(map[string]any)
	wantTags := map[string]any{"http.method": "GET", "n": "-3", "ratio": "0.5", "ok": "true", "big": "18446744073709551615"}
	if len(tags) != len(wantTags) {
		t.Errorf("tags = %v", tags)
	}
	for k, v := range wantTags {
		if tags[k] != v {
			t.Errorf("tag %s = %v (%T), want the string %v", k, tags[k], tags[k], v)
		}
	}
	anns := m["annotations"].([]any)
	first := anns[0].(map[string]any)
	if len(anns) != 2 || first["timestamp"] != json.Number("1700000000000123") || first["value"] != "sent" {
		t.Errorf("annotations = %v", anns)
	}
}

func TestAppendJSONMinimalSpan(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	_, s := tr.Start(context.Background(), "")
	s.End(nil)
	s.duration = 0 // a clock that did not move still reports 1µs
	m := decodeJSON(t, AppendJSON(nil, s))
	for _, absent := range []string{"parentId", "kind", "name", "remoteEndpoint", "annotations", "tags", "debug", "shared"} {
		if v, ok := m[absent]; ok {
			t.Errorf("%s present (%v), want absent", absent, v)
		}
	}
	if m["duration"] != json.Number("1") {
		t.Errorf("duration = %v, want 1", m["duration"])
	}
	if local := m["localEndpoint"].(map[string]any); len(local) != 1 {
		t.Errorf("localEndpoint = %v, want only serviceName (no port 0, no ip)", local)
	}
	if id := m["traceId"].(string); len(id) != 32 || strings.ToLower(id) != id {
		t.Errorf("traceId %q", id)
	}
}

func TestAppendJSON64BitTraceAndMappedIPv4(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	_, s := tr.Start(context.Background(), "x", WithParent(SpanContext{TraceID: TraceID{Low: 0xabc}, ID: 1, Sampling: Accept}),
		WithRemoteEndpoint(Endpoint{Addr: netip.MustParseAddr("::ffff:192.0.2.7")}))
	s.End(nil)
	m := decodeJSON(t, AppendJSON(nil, s))
	if m["traceId"] != "0000000000000abc" || m["parentId"] != "0000000000000001" {
		t.Errorf("ids = %v / %v", m["traceId"], m["parentId"])
	}
	if r := m["remoteEndpoint"].(map[string]any); r["ipv4"] != "192.0.2.7" || len(r) != 1 {
		t.Errorf("remoteEndpoint = %v", r)
	}
}

func TestAppendJSONStringEscaping(t *testing.T) {
	tests := []struct{ in, wantRaw, wantDecoded string }{
		{"plain", `"plain"`, "plain"},
		{`q"b\`, `"q\"b\\"`, `q"b\`},
		{"\n\r\t\x00\x1f\x7f", `"\n\r\t\u0000\u001f` + "\x7f\"", "\n\r\t\x00\x1f\x7f"},
		{"bad\xffutf8", `"bad\ufffdutf8"`, "bad\ufffdutf8"},
		{"\xe2\x80", `"\ufffd\ufffd"`, "\ufffd\ufffd"},
		{"ls\u2028ps\u2029", `"ls\u2028ps\u2029"`, "ls\u2028ps\u2029"},
		{"héllo, 世界 🙂", `"héllo, 世界 🙂"`, "héllo, 世界 🙂"},
		{"<&>", `"<&>"`, "<&>"},
	}
	for _, tt := range tests {
		got := string(appendJSONString(nil, tt.in))
		if got != tt.wantRaw {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.wantRaw)
		}
		var decoded string
		if err := json.Unmarshal([]byte(got), &decoded); err != nil || decoded != tt.wantDecoded {
			t.Errorf("%s decodes to %q (%v), want %q", got, decoded, err, tt.wantDecoded)
		}
	}
}

func TestAppendJSONList(t *testing.T) {
	a, b := fullSpan(t), fullSpan(t)
	var got []map[string]any
	if err := json.Unmarshal(AppendJSONList(nil, []*Span{a, b}), &got); err != nil || len(got) != 2 {
		t.Fatalf("list: %v, %d spans", err, len(got))
	}
	if string(AppendJSONList(nil, nil)) != "[]" {
		t.Error("empty list")
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("name", "key", "value", "annotation")
	f.Add("\x00", "\"", "\\", "\u2028")
	f.Add("\xff\xfe", "k\xc3", "\xed\xa0\x80", "\U0010ffff")
	tr := newTracer(f, Options{Reporter: discardReporter{}, ServiceName: "fuzz"})
	f.Fuzz(func(t *testing.T, name, key, value, ann string) {
		_, s := tr.Start(context.Background(), name, WithRemoteService(value))
		s.Tag(key, value)
		s.Tag(value, key)
		s.Annotate(ann)
		s.End(nil)
		b := AppendJSON(nil, s)
		if !json.Valid(b) || !utf8.Valid(b) {
			t.Fatalf("invalid JSON: %q", b)
		}
		m := decodeJSON(t, b)
		valid := func(s string) string { return string(appendValidUTF8(nil, s)) }
		if name != "" && m["name"] != valid(name) {
			t.Errorf("name %q came back as %q", name, m["name"])
		}
		tags, _ := m["tags"].(map[string]any)
		if key != value && valid(key) != valid(value) && tags[valid(key)] != valid(value) {
			t.Errorf("tag %q=%q came back as %v", key, value, tags)
		}
		if p := AppendProto(nil, s); len(p) == 0 {
			t.Error("empty proto")
		}
	})
}

// protoField is one decoded field of a protobuf message.
type protoField struct {
	num    int
	wire   int
	varint uint64
	bytes  []byte
}

// decodeProto splits a message into fields: the small wire-format decoder
// that checks AppendProto without a protobuf dependency.
func decodeProto(t *testing.T, b []byte) []protoField {
	t.Helper()
	var out []protoField
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
		case wireBytes:
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				t.Fatalf("bad length %d with %d bytes left", l, len(b)-n)
			}
			f.bytes, b = b[n:n+int(l)], b[n+int(l):]
		default:
			t.Fatalf("unexpected wire type %d", f.wire)
		}
		out = append(out, f)
	}
	return out
}

func fieldsByNumber(fields []protoField) map[int][]protoField {
	m := map[int][]protoField{}
	for _, f := range fields {
		m[f.num] = append(m[f.num], f)
	}
	return m
}

func TestAppendProtoFullSpan(t *testing.T) {
	s := fullSpan(t)
	list := decodeProto(t, AppendProto(AppendProto(nil, s), s))
	if len(list) != 2 || list[0].num != protoListSpans || list[0].wire != wireBytes {
		t.Fatalf("ListOfSpans = %+v, want two spans in field 1", list)
	}
	f := fieldsByNumber(decodeProto(t, list[0].bytes))
	sc := s.Context()
	checkBytes(t, "trace_id", f[1], "0102030405060708090a0b0c0d0e0f10")
	checkBytes(t, "parent_id", f[2], "a1b2c3d4e5f60718")
	checkBytes(t, "id", f[3], sc.ID.String())
	checkVarint(t, "kind", f[4], 1, wireVarint) // CLIENT
	if string(f[5][0].bytes) != "GET /users" {
		t.Errorf("name = %q", f[5][0].bytes)
	}
	checkVarint(t, "timestamp", f[6], uint64(s.startWall/1e3), wireFixed64)
	checkVarint(t, "duration", f[7], uint64(s.durationMicros()), wireVarint)
	local := fieldsByNumber(decodeProto(t, f[8][0].bytes))
	if string(local[1][0].bytes) != "api" || string(local[2][0].bytes) != "\x0a\x01\x02\x03" || local[4][0].varint != 8080 {
		t.Errorf("local endpoint = %+v", local)
	}
	remote := fieldsByNumber(decodeProto(t, f[9][0].bytes))
	if v6 := netip.MustParseAddr("2001:db8::1").As16(); string(remote[3][0].bytes) != string(v6[:]) || remote[2] != nil {
		t.Errorf("remote endpoint = %+v", remote)
	}
	if len(f[10]) != 2 {
		t.Fatalf("%d annotations", len(f[10]))
	}
	ann := fieldsByNumber(decodeProto(t, f[10][0].bytes))
	checkVarint(t, "annotation.timestamp", ann[1], 1_700_000_000_000_123, wireFixed64)
	tags := map[string]string{}
	for _, e := range f[11] {
		kv := fieldsByNumber(decodeProto(t, e.bytes))
		tags[string(kv[1][0].bytes)] = string(kv[2][0].bytes)
	}
	if tags["n"] != "-3" || tags["big"] != "18446744073709551615" || tags["ok"] != "true" || len(tags) != 5 {
		t.Errorf("tags = %v", tags)
	}
	checkVarint(t, "debug", f[12], 1, wireVarint)
	checkVarint(t, "shared", f[13], 1, wireVarint)
}

func TestAppendProtoMinimalSpan(t *testing.T) {
	tr := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "svc"})
	_, s := tr.Start(context.Background(), "x", WithParent(SpanContext{TraceID: TraceID{Low: 7}, ID: 9, Sampling: Accept}))
	s.Tag("bad", "a\xffb")
	s.End(nil)
	list := decodeProto(t, AppendProto(nil, s))
	f := fieldsByNumber(decodeProto(t, list[0].bytes))
	checkBytes(t, "trace_id", f[1], "0000000000000007") // 8 bytes for a 64-bit trace
	for _, absent := range []int{4, 9, 10, 12, 13} {
		if f[absent] != nil {
			t.Errorf("field %d present: %+v", absent, f[absent])
		}
	}
	kv := fieldsByNumber(decodeProto(t, f[11][0].bytes))
	if v := string(kv[2][0].bytes); v != "a\ufffdb" {
		t.Errorf("invalid UTF-8 tag value = %q, want it replaced", v)
	}
	if local := fieldsByNumber(decodeProto(t, f[8][0].bytes)); local[4] != nil || local[2] != nil {
		t.Errorf("local endpoint has port or ip: %+v", local)
	}
}

func TestInsertProtoLengthLongBodies(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 300, 20000, 3 << 20} {
		body := strings.Repeat("x", n)
		b := appendProtoString([]byte{0xaa}, 5, body)
		f := decodeProto(t, b[1:])
		if len(f) != 1 || string(f[0].bytes) != body {
			t.Errorf("length %d: round trip failed", n)
		}
		b = insertProtoLength(append([]byte{0xbb}, body...), 1)
		if l, k := binary.Uvarint(b[1:]); int(l) != n || string(b[1+k:]) != body {
			t.Errorf("insertProtoLength %d: got length %d", n, l)
		}
	}
}

func checkBytes(t *testing.T, name string, f []protoField, wantHex string) {
	t.Helper()
	if len(f) != 1 || f[0].wire != wireBytes {
		t.Fatalf("%s = %+v", name, f)
	}
	var got []byte
	got = appendHexBytes(got, f[0].bytes)
	if string(got) != wantHex {
		t.Errorf("%s = %s, want %s", name, got, wantHex)
	}
}

func appendHexBytes(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return dst
}

func checkVarint(t *testing.T, name string, f []protoField, want uint64, wire int) {
	t.Helper()
	if len(f) != 1 || f[0].wire != wire || f[0].varint != want {
		t.Errorf("%s = %+v, want %d (wire type %d)", name, f, want, wire)
	}
}

func TestEncodersDoNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	s := fullSpan(t)
	jbuf, pbuf := AppendJSON(nil, s), AppendProto(nil, s)
	if n := testing.AllocsPerRun(100, func() { jbuf = AppendJSON(jbuf[:0], s) }); n != 0 {
		t.Errorf("AppendJSON: %v allocs", n)
	}
	if n := testing.AllocsPerRun(100, func() { pbuf = AppendProto(pbuf[:0], s) }); n != 0 {
		t.Errorf("AppendProto: %v allocs", n)
	}
}

// TestChildEndsWithinParentOnTheWire checks the rounding that collectors
// (and the e2e test) see: a child inside its parent stays inside it after
// truncation to microseconds.
func TestChildEndsWithinParentOnTheWire(t *testing.T) {
	base := time.Unix(1_700_000_000, 0).UnixNano()
	parent := &Span{startWall: base + 999, duration: 2_002}  // [999ns, 3001ns)
	child := &Span{startWall: base + 1_000, duration: 2_000} // [1000ns, 3000ns)
	pEnd := parent.startWall/1e3 + parent.durationMicros()
	cEnd := child.startWall/1e3 + child.durationMicros()
	// Truncating durations alone gives the parent 0+2 and the child 1+2.
	if cEnd > pEnd {
		t.Errorf("child ends at %dµs after its parent's %dµs", cEnd, pEnd)
	}
	overshoot := &Span{startWall: base + 1_900, duration: 1_000} // [1900ns, 2900ns)
	if got := overshoot.durationMicros(); got != 1 {
		t.Errorf("duration %dµs, want 1 (end µs 2 - start µs 1)", got)
	}
	if got := (&Span{startWall: base, duration: 10}).durationMicros(); got != 1 {
		t.Errorf("sub-microsecond span: %dµs, want the minimum 1", got)
	}
}

// TestPlainJSONPrefix checks the eight-bytes-at-a-time scan against the
// byte-by-byte rule for every byte value at every position of a string
// long enough to use both loops, after plain bytes that sit just above and
// below the boundaries the scan tests.
func TestPlainJSONPrefix(t *testing.T) {
	special := func(c byte) bool { return c < 0x20 || c >= 0x80 || c == '"' || c == '\\' }
	for _, fill := range []byte{'a', ' ', '!', '#', '[', ']', 0x7f, '~'} {
		for n := 0; n <= 19; n++ {
			for p := 0; p < n; p++ {
				for c := 0; c < 256; c++ {
					b := bytes.Repeat([]byte{fill}, n)
					b[p] = byte(c)
					want := n
					if special(byte(c)) {
						want = p
					}
					if got := plainJSONPrefix(string(b)); got != want {
						t.Fatalf("plainJSONPrefix(%q) = %d, want %d", b, got, want)
					}
				}
			}
		}
	}
}
