package zipkin

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

const (
	pTrace128 = "80f198ee56343ba864fe8b2a57d3eff7"
	pTrace64  = "64fe8b2a57d3eff7"
	pSpan     = "e457b5a2e4d86bd1"
	pParent   = "05e3ac9a4f6e3b90"
	pW3CTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	pW3CSpan  = "00f067aa0ba902b7"
)

var (
	pTID128 = TraceID{High: 0x80f198ee56343ba8, Low: 0x64fe8b2a57d3eff7}
	pTID64  = TraceID{Low: 0x64fe8b2a57d3eff7}
	pSID    = SpanID(0xe457b5a2e4d86bd1)
	pPID    = SpanID(0x05e3ac9a4f6e3b90)
	pW3CTID = TraceID{High: 0x4bf92f3577b34da6, Low: 0xa3ce929d0e0e4736}
	pW3CSID = SpanID(0x00f067aa0ba902b7)
)

// header builds an http.Header the way net/http's server does: canonical
// keys, repeated values in order.
func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

var extractCases = []struct {
	name string
	h    http.Header
	want SpanContext
	ok   bool
}{
	{"b3 multi child", header("X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-ParentSpanId", pParent, "X-B3-Sampled", "1"),
		SpanContext{TraceID: pTID128, ID: pSID, ParentID: pPID, Sampling: Accept}, true},
	{"b3 multi 64-bit defer", header("X-B3-TraceId", pTrace64, "X-B3-SpanId", pSpan),
		SpanContext{TraceID: pTID64, ID: pSID}, true},
	{"b3 multi debug", header("X-B3-TraceId", pTrace64, "X-B3-SpanId", pSpan, "X-B3-Flags", "1"),
		SpanContext{TraceID: pTID64, ID: pSID, Sampling: Accept, Debug: true}, true},
	{"b3 multi first value wins", header("X-B3-TraceId", pTrace64, "X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-Sampled", "0", "X-B3-Sampled", "1"),
		SpanContext{TraceID: pTID64, ID: pSID, Sampling: Deny}, true},
	{"b3 multi deny only", header("X-B3-Sampled", "0"), SpanContext{Sampling: Deny}, true},
	{"b3 single", header("b3", pTrace128+"-"+pSpan+"-1-"+pParent),
		SpanContext{TraceID: pTID128, ID: pSID, ParentID: pPID, Sampling: Accept}, true},
	{"b3 single deny only", header("b3", "0"), SpanContext{Sampling: Deny}, true},
	{"b3 single debug", header("b3", pTrace64+"-"+pSpan+"-d"), SpanContext{TraceID: pTID64, ID: pSID, Sampling: Accept, Debug: true}, true},
	{"single wins over multi", header("b3", pTrace64+"-"+pSpan+"-0", "X-B3-TraceId", pTrace128, "X-B3-SpanId", pParent, "X-B3-Sampled", "1"),
		SpanContext{TraceID: pTID64, ID: pSID, Sampling: Deny}, true},
	{"malformed single falls through to multi", header("b3", "garbage", "X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-Sampled", "1"),
		SpanContext{TraceID: pTID128, ID: pSID, Sampling: Accept}, true},
	{"w3c", header("traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
		SpanContext{TraceID: pW3CTID, ID: pW3CSID, Sampling: Accept, TraceState: "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"}, true},
	{"w3c split tracestate", header("traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "tracestate", "rojo=1", "tracestate", "congo=2"),
		SpanContext{TraceID: pW3CTID, ID: pW3CSID, Sampling: Accept, TraceState: "rojo=1,congo=2"}, true},
	{"w3c bad tracestate dropped", header("traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-00", "tracestate", "no-equals-sign"),
		SpanContext{TraceID: pW3CTID, ID: pW3CSID, Sampling: Deny}, true},
	{"w3c repeated traceparent invalid", header("traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01"),
		SpanContext{}, false},
	{"w3c tracestate without traceparent", header("tracestate", "rojo=1"), SpanContext{}, false},
	{"b3 wins over w3c, tracestate kept for the same trace", header("X-B3-TraceId", pW3CTrace, "X-B3-SpanId", pSpan, "X-B3-Sampled", "1", "traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "tracestate", "rojo=1"),
		SpanContext{TraceID: pW3CTID, ID: pSID, Sampling: Accept, TraceState: "rojo=1"}, true},
	{"b3 wins over w3c, tracestate of another trace dropped", header("X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-Sampled", "1", "traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "tracestate", "rojo=1"),
		SpanContext{TraceID: pTID128, ID: pSID, Sampling: Accept}, true},
	{"uber", header("uber-trace-id", pTrace64+":"+pSpan+":"+pParent+":3"),
		SpanContext{TraceID: pTID64, ID: pSID, ParentID: pPID, Sampling: Accept, Debug: true}, true},
	{"uber url-encoded", header("uber-trace-id", "abc%3Ade%3A0%3A1"),
		SpanContext{TraceID: TraceID{Low: 0xabc}, ID: 0xde, Sampling: Accept}, true},
	{"w3c wins over uber", header("uber-trace-id", pTrace64+":"+pSpan+":0:1", "traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-00"),
		SpanContext{TraceID: pW3CTID, ID: pW3CSID, Sampling: Deny}, true},
	{"bare b3 multi decision yields to a complete w3c context", header("X-B3-Sampled", "0", "traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01"),
		SpanContext{TraceID: pW3CTID, ID: pW3CSID, Sampling: Accept}, true},
	{"bare b3 single decision still wins over w3c", header("b3", "0", "traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01"),
		SpanContext{Sampling: Deny}, true},
	{"bare b3 multi decision wins over uber", header("X-B3-Flags", "1", "uber-trace-id", pTrace64+":"+pSpan+":0:0"),
		SpanContext{Sampling: Accept, Debug: true}, true},
	{"nothing", header("Accept", "*/*"), SpanContext{}, false},
	{"hostile", header("b3", strings.Repeat("f", 1<<20), "X-B3-TraceId", strings.Repeat("a", 1<<20), "traceparent", strings.Repeat("-", 1<<20), "uber-trace-id", strings.Repeat(":", 1<<20)),
		SpanContext{}, false},
	{"upper-case b3 ids", header("X-B3-TraceId", strings.ToUpper(pTrace64), "X-B3-SpanId", pSpan), SpanContext{}, false},
}

func TestExtractHeader(t *testing.T) {
	for _, tc := range extractCases {
		got, ok := ExtractHeader(tc.h)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s:\n got %+v, %v\nwant %+v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestExtractCarriers checks that a string map with lower-case keys, and
// one filled with header-style keys, read the same as http.Header.
func TestExtractCarriers(t *testing.T) {
	for _, tc := range extractCases {
		if strings.HasPrefix(tc.name, "w3c repeated") || strings.HasPrefix(tc.name, "w3c split") || strings.HasPrefix(tc.name, "b3 multi first") {
			continue // a map holds one value per key
		}
		lower, mixed := MapCarrier{}, MapCarrier{}
		for k, v := range tc.h {
			lower[strings.ToLower(k)] = v[0]
			mixed[k] = v[0]
		}
		for name, c := range map[string]Carrier{"lower": lower, "mixed": mixed, "header": HeaderCarrier(tc.h)} {
			got, ok := Extract(c)
			if ok != tc.ok || got != tc.want {
				t.Errorf("%s (%s carrier):\n got %+v, %v\nwant %+v, %v", tc.name, name, got, ok, tc.want, tc.ok)
			}
		}
	}
}

// TestExtractHeaderSkipsOnlyMissingKeys checks the shortcut of extraction
// from http.Header (no lookup once every key of the header has been found)
// against a MapCarrier, which has no such shortcut: for every combination
// of each trace header absent, well-formed or malformed, with and without
// other headers, and with non-canonical keys the extraction does not read,
// both must extract the same.
func TestExtractHeaderSkipsOnlyMissingKeys(t *testing.T) {
	keys := []struct{ key, good, bad string }{
		{"B3", pTrace64 + "-" + pSpan + "-1", "garbage"},
		{"X-B3-Traceid", pTrace128, "xyz"},
		{"X-B3-Spanid", pSpan, "zz"},
		{"X-B3-Parentspanid", pParent, "zz"},
		{"X-B3-Sampled", "0", "maybe"},
		{"X-B3-Flags", "1", "0"},
		{"Traceparent", "00-" + pTrace128 + "-" + pW3CSpan + "-01", "00-bad"},
		{"Tracestate", "rojo=1", "no-equals-sign"},
		{"Uber-Trace-Id", pTrace64 + ":" + pSpan + ":0:1", "::::"},
	}
	others := [][]string{nil, {"Accept"}, {"Accept", "User-Agent", "X-Request-Id"}, {"x-b3-sampled"}}
	var variant [9]int // 0 absent, 1 well-formed, 2 malformed
	for n := 0; ; n++ {
		for _, extra := range others {
			h, m := http.Header{}, MapCarrier{}
			for i, k := range keys {
				switch variant[i] {
				case 1:
					h[k.key], m[strings.ToLower(k.key)] = []string{k.good}, k.good
				case 2:
					h[k.key], m[strings.ToLower(k.key)] = []string{k.bad}, k.bad
				}
			}
			for _, k := range extra {
				h[k] = []string{"1"}
			}
			got, ok := ExtractHeader(h)
			want, wantOK := Extract(m)
			if ok != wantOK || got != want {
				t.Fatalf("%v:\n got %+v, %v\nwant %+v, %v", h, got, ok, want, wantOK)
			}
		}
		// Next combination, counting in base 3.
		i := 0
		for ; i < len(variant) && variant[i] == 2; i++ {
			variant[i] = 0
		}
		if i == len(variant) {
			if n+1 != 19683 {
				t.Fatalf("tried %d combinations, want 3^9", n+1)
			}
			return
		}
		variant[i]++
	}
}

func TestExtractHeaderDoesNotAllocate(t *testing.T) {
	for _, h := range []http.Header{
		header("X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-ParentSpanId", pParent, "X-B3-Sampled", "1"),
		header("b3", pTrace128+"-"+pSpan+"-1-"+pParent),
		header("traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "tracestate", "rojo=1"),
		header("uber-trace-id", pTrace64+":"+pSpan+":"+pParent+":1"),
		header("Accept", "*/*"),
	} {
		if n := testing.AllocsPerRun(100, func() { ExtractHeader(h) }); n != 0 {
			t.Errorf("ExtractHeader(%v): %v allocations, want 0", h, n)
		}
	}
}

func TestParseFormats(t *testing.T) {
	got, err := ParseFormats(" b3, W3C,,uber,b3 ,b3single")
	want := []Format{B3Multi, W3C, Uber, B3Single}
	if err != nil || len(got) != len(want) {
		t.Fatalf("ParseFormats = %v, %v; want %v", got, err, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ParseFormats = %v, want %v", got, want)
		}
	}
	for _, bad := range []string{"", " , ", "b3,zipkin", "jaeger"} {
		if _, err := ParseFormats(bad); err == nil {
			t.Errorf("ParseFormats(%q) succeeded", bad)
		}
	}
	for _, f := range []Format{B3Multi, B3Single, W3C, Uber} {
		if back, err := ParseFormat(f.String()); err != nil || back != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), back, err)
		}
	}
}

func TestInjectHeaderFormats(t *testing.T) {
	sc := SpanContext{TraceID: pTID128, ID: pSID, ParentID: pPID, Sampling: Accept, TraceState: "rojo=1"}
	cases := []struct {
		format Format
		want   http.Header
	}{
		{B3Multi, header("X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-ParentSpanId", pParent, "X-B3-Sampled", "1")},
		{B3Single, header("b3", pTrace128+"-"+pSpan+"-1-"+pParent)},
		{W3C, header("traceparent", "00-"+pTrace128+"-"+pSpan+"-01", "tracestate", "rojo=1")},
		{Uber, header("uber-trace-id", pTrace128+":"+pSpan+":"+pParent+":1")},
	}
	for _, tc := range cases {
		h := http.Header{}
		InjectSpanContextHeader(sc, h, tc.format)
		if !sameHeader(h, tc.want) {
			t.Errorf("%v: injected %v, want %v", tc.format, h, tc.want)
		}
	}
}

func sameHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if len(b[k]) != len(v) || strings.Join(b[k], "\x00") != strings.Join(v, "\x00") {
			return false
		}
	}
	return true
}

func TestInjectB3Rules(t *testing.T) {
	cases := []struct {
		name string
		sc   SpanContext
		want http.Header
	}{
		{"root has no parent header", SpanContext{TraceID: pTID64, ID: pSID, Sampling: Accept},
			header("X-B3-TraceId", pTrace64, "X-B3-SpanId", pSpan, "X-B3-Sampled", "1")},
		{"debug is flags only", SpanContext{TraceID: pTID64, ID: pSID, Sampling: Accept, Debug: true},
			header("X-B3-TraceId", pTrace64, "X-B3-SpanId", pSpan, "X-B3-Flags", "1")},
		{"deny keeps ids", SpanContext{TraceID: pTID64, ID: pSID, Sampling: Deny},
			header("X-B3-TraceId", pTrace64, "X-B3-SpanId", pSpan, "X-B3-Sampled", "0")},
		{"defer has no sampled header", SpanContext{TraceID: pTID64, ID: pSID},
			header("X-B3-TraceId", pTrace64, "X-B3-SpanId", pSpan)},
	}
	for _, tc := range cases {
		// Stale values from an earlier request must go.
		h := header("X-B3-ParentSpanId", pParent, "X-B3-Sampled", "1", "X-B3-Flags", "1", "Accept", "*/*")
		InjectSpanContextHeader(tc.sc, h)
		tc.want.Set("Accept", "*/*")
		if !sameHeader(h, tc.want) {
			t.Errorf("%s: injected %v, want %v", tc.name, h, tc.want)
		}
	}
}

// TestInjectMapCarrierReplacesStaleKeys: a message re-sent with a new
// context must not keep another tracer's parent ID in another spelling.
func TestInjectMapCarrierReplacesStaleKeys(t *testing.T) {
	m := MapCarrier{"X-B3-TraceId": pTrace128, "X-B3-SpanId": pParent, "X-B3-ParentSpanId": pParent, "other": "kept"}
	sc := SpanContext{TraceID: pTID64, ID: pSID, Sampling: Accept}
	InjectSpanContext(sc, m)
	want := MapCarrier{"x-b3-traceid": pTrace64, "x-b3-spanid": pSpan, "x-b3-sampled": "1", "other": "kept"}
	if len(m) != len(want) {
		t.Fatalf("carrier %v, want %v", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Fatalf("carrier %v, want %v", m, want)
		}
	}
	if got, _ := Extract(m); got != sc {
		t.Errorf("extracted %+v, want %+v", got, sc)
	}
}

// TestInjectExtractRoundTrip sends contexts through every format and back.
func TestInjectExtractRoundTrip(t *testing.T) {
	contexts := []SpanContext{
		{TraceID: pTID128, ID: pSID, ParentID: pPID, Sampling: Accept},
		{TraceID: pTID64, ID: pSID, Sampling: Deny},
		{TraceID: pTID128, ID: pSID, Sampling: Accept, Debug: true},
		{TraceID: pTID64, ID: pSID, ParentID: pPID},
	}
	for _, f := range []Format{B3Multi, B3Single, W3C, Uber} {
		for _, sc := range contexts {
			h := http.Header{}
			InjectSpanContextHeader(sc, h, f)
			got, ok := ExtractHeader(h)
			want := lossyThrough(f, sc)
			if !ok || got != want {
				t.Errorf("%v: %+v came back as %+v, %v; want %+v", f, sc, got, ok, want)
			}
			m := MapCarrier{}
			InjectSpanContext(sc, m, f)
			if got, ok := Extract(m); !ok || got != want {
				t.Errorf("%v (map): %+v came back as %+v, %v; want %+v", f, sc, got, ok, want)
			}
		}
	}
}

// lossyThrough is what each format can carry of sc.
func lossyThrough(f Format, sc SpanContext) SpanContext {
	switch f {
	case B3Single:
		if sc.Sampling == Defer && !sc.Debug {
			sc.ParentID = 0 // no place for a parent without a sampling state
		}
	case W3C:
		sc.ParentID = 0
		sc.Debug = false
		if sc.Sampling == Defer {
			sc.Sampling = Deny
		}
	case Uber:
		if sc.Sampling == Defer {
			sc.Sampling = Deny
		}
	}
	return sc
}

func TestInjectUsesTracerFormats(t *testing.T) {
	rec := NewRecorder()
	tr, err := New(Options{Reporter: rec, Propagation: []string{"w3c", "b3single"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, span := tr.Start(context.Background(), "op")
	defer span.End(nil)
	h := http.Header{}
	tr.InjectHeader(ctx, h)
	sc := span.Context()
	if h.Get("traceparent") == "" || h.Get("b3") == "" || h.Get("X-B3-TraceId") != "" {
		t.Fatalf("want traceparent and b3 only, got %v", h)
	}
	if got, _ := ExtractHeader(h); got.TraceID != sc.TraceID || got.ID != sc.ID {
		t.Errorf("extracted %+v, want the span %+v", got, sc)
	}
	m := MapCarrier{}
	tr.Inject(ctx, m)
	if m["traceparent"] != h.Get("traceparent") || m["b3"] != h.Get("b3") {
		t.Errorf("map carrier got %v, header %v", m, h)
	}
	empty := http.Header{}
	tr.InjectHeader(context.Background(), empty)
	if len(empty) != 0 {
		t.Errorf("a context without a trace injected %v", empty)
	}
}

// TestInjectUnsampledRootPropagatesDeny: a trace this service decided not
// to sample must tell downstream services so.
func TestInjectUnsampledRootPropagatesDeny(t *testing.T) {
	rate := 0.0
	tr, err := New(Options{Reporter: NewRecorder(), SampleRate: &rate})
	if err != nil {
		t.Fatal(err)
	}
	ctx, span := tr.Start(context.Background(), "op")
	if span != nil {
		t.Fatal("rate 0 sampled a span")
	}
	h := http.Header{}
	tr.InjectHeader(ctx, h)
	if h.Get("X-B3-Sampled") != "0" || h.Get("X-B3-TraceId") == "" {
		t.Errorf("injected %v, want ids with X-B3-Sampled: 0", h)
	}
}

func BenchmarkExtractHeaderB3(b *testing.B) {
	h := header("X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-ParentSpanId", pParent, "X-B3-Sampled", "1")
	b.ReportAllocs()
	for b.Loop() {
		ExtractHeader(h)
	}
}

func BenchmarkExtractHeaderW3C(b *testing.B) {
	h := header("traceparent", "00-"+pW3CTrace+"-"+pW3CSpan+"-01")
	b.ReportAllocs()
	for b.Loop() {
		ExtractHeader(h)
	}
}

func BenchmarkInjectHeaderB3(b *testing.B) {
	sc := SpanContext{TraceID: pTID128, ID: pSID, ParentID: pPID, Sampling: Accept}
	h := http.Header{}
	b.ReportAllocs()
	for b.Loop() {
		InjectSpanContextHeader(sc, h)
	}
}

// TestExtractHeaderNil: a nil http.Header is a valid empty header, as in a
// hand-built http.Request; it must extract nothing, not panic.
func TestExtractHeaderNil(t *testing.T) {
	if sc, ok := ExtractHeader(nil); ok || sc != (SpanContext{}) {
		t.Errorf("ExtractHeader(nil) = %+v, %v; want nothing", sc, ok)
	}
	for _, c := range []Carrier{nil, HeaderCarrier(nil), MapCarrier(nil)} {
		if sc, ok := Extract(c); ok || sc != (SpanContext{}) {
			t.Errorf("Extract(%#v) = %+v, %v; want nothing", c, sc, ok)
		}
	}
	tr, rec := NewTestTracer()
	_, span := tr.StartRequest(new(http.Request), "handler")
	span.End(nil)
	if spans := rec.Spans(); len(spans) != 1 || spans[0].ParentID != 0 {
		t.Errorf("StartRequest on a request with a nil Header recorded %+v, want one root span", spans)
	}
}

// TestIsTraceHeader checks the predicate against what extraction reads:
// every key a format uses, canonical and lower case, and nothing else.
func TestIsTraceHeader(t *testing.T) {
	for _, k := range []string{"B3", "X-B3-Traceid", "X-B3-Spanid", "X-B3-Parentspanid", "X-B3-Sampled",
		"X-B3-Flags", "Traceparent", "Tracestate", "Uber-Trace-Id", "b3", "x-b3-traceid", "uber-trace-id"} {
		if !IsTraceHeader(k) {
			t.Errorf("IsTraceHeader(%q) = false", k)
		}
	}
	for _, k := range []string{"", "Content-Type", "X-B3", "X-B3-TraceId", "Baggage", "Uberctx-User"} {
		if IsTraceHeader(k) {
			t.Errorf("IsTraceHeader(%q) = true", k)
		}
	}
	h := http.Header{}
	for _, k := range traceKeyNames {
		h.Set(k.lower, "x")
	}
	for k := range h {
		if !IsTraceHeader(k) {
			t.Errorf("canonical key %q of a format is not a trace header", k)
		}
	}
}
