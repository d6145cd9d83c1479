package propagation

import (
	"strings"
	"testing"
)

const (
	w3cTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	w3cSpan  = "00f067aa0ba902b7"
	w3cHi    = 0x4bf92f3577b34da6
	w3cLo    = 0xa3ce929d0e0e4736
	w3cSpanV = 0x00f067aa0ba902b7
)

var (
	w3cSampled   = Context{TraceHi: w3cHi, TraceLo: w3cLo, SpanID: w3cSpanV, Sampling: Accept}
	w3cUnsampled = Context{TraceHi: w3cHi, TraceLo: w3cLo, SpanID: w3cSpanV, Sampling: Deny}
)

// traceparentCases follow W3C Trace Context level 1 and its test suite.
var traceparentCases = []struct {
	name string
	in   string
	want Context
	ok   bool
}{
	{"sampled", "00-" + w3cTrace + "-" + w3cSpan + "-01", w3cSampled, true},
	{"not sampled", "00-" + w3cTrace + "-" + w3cSpan + "-00", w3cUnsampled, true},
	{"unknown flag bits ignored", "00-" + w3cTrace + "-" + w3cSpan + "-09", w3cSampled, true},
	{"unknown flag bits, not sampled", "00-" + w3cTrace + "-" + w3cSpan + "-fe", w3cUnsampled, true},
	{"64-bit trace in 128", "00-0000000000000000a3ce929d0e0e4736-" + w3cSpan + "-01", Context{TraceLo: w3cLo, SpanID: w3cSpanV, Sampling: Accept}, true},
	{"future version, same length", "cc-" + w3cTrace + "-" + w3cSpan + "-01", w3cSampled, true},
	{"future version, more fields", "cc-" + w3cTrace + "-" + w3cSpan + "-01-what-the-future-will-be-like", w3cSampled, true},
	{"future version, bad delimiter", "cc-" + w3cTrace + "-" + w3cSpan + "-01.what-the-future-will-be-like", Context{}, false},
	{"version 00 with extra field", "00-" + w3cTrace + "-" + w3cSpan + "-01-extra", Context{}, false},
	{"version ff", "ff-" + w3cTrace + "-" + w3cSpan + "-01", Context{}, false},
	{"upper-case version", "0A-" + w3cTrace + "-" + w3cSpan + "-01", Context{}, false},
	{"bad version", "0g-" + w3cTrace + "-" + w3cSpan + "-01", Context{}, false},
	{"upper-case trace", "00-" + strings.ToUpper(w3cTrace) + "-" + w3cSpan + "-01", Context{}, false},
	{"upper-case span", "00-" + w3cTrace + "-00F067AA0BA902B7-01", Context{}, false},
	{"upper-case flags", "00-" + w3cTrace + "-" + w3cSpan + "-0A", Context{}, false},
	{"zero trace", "00-00000000000000000000000000000000-" + w3cSpan + "-01", Context{}, false},
	{"zero span", "00-" + w3cTrace + "-0000000000000000-01", Context{}, false},
	{"bad flags", "00-" + w3cTrace + "-" + w3cSpan + "-0g", Context{}, false},
	{"short trace", "00-" + w3cTrace[1:] + "-" + w3cSpan + "-01", Context{}, false},
	{"short", "00-" + w3cTrace + "-" + w3cSpan + "-0", Context{}, false},
	{"wrong delimiter", "00_" + w3cTrace + "-" + w3cSpan + "-01", Context{}, false},
	{"shifted delimiter", "00-" + w3cTrace + w3cSpan[:1] + "-" + w3cSpan[1:] + "-01", Context{}, false},
	{"empty", "", Context{}, false},
	{"huge future version", "cc-" + w3cTrace + "-" + w3cSpan + "-01-" + strings.Repeat("a", 1<<16), Context{}, false},
}

func TestParseTraceparent(t *testing.T) {
	for _, tc := range traceparentCases {
		got, ok := parseInto(t, func(c *Context) bool { return ParseTraceparent(tc.in, c) })
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: ParseTraceparent(%q) = %+v, %v; want %+v, %v", tc.name, tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAppendTraceparent(t *testing.T) {
	cases := []struct {
		c    Context
		want string
	}{
		{w3cSampled, "00-" + w3cTrace + "-" + w3cSpan + "-01"},
		{w3cUnsampled, "00-" + w3cTrace + "-" + w3cSpan + "-00"},
		{Context{TraceLo: w3cLo, SpanID: w3cSpanV, Debug: true, Sampling: Accept}, "00-0000000000000000a3ce929d0e0e4736-" + w3cSpan + "-01"},
		{Context{TraceLo: w3cLo, SpanID: w3cSpanV}, "00-0000000000000000a3ce929d0e0e4736-" + w3cSpan + "-00"},
		{Context{Sampling: Deny}, ""},
	}
	for _, tc := range cases {
		if got := string(AppendTraceparent(nil, tc.c)); got != tc.want {
			t.Errorf("AppendTraceparent(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestValidTracestate(t *testing.T) {
	cases := []struct {
		in string
		ok bool
	}{
		{"congo=t61rcWkgMzE", true},
		{"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", true},
		{"rojo=1, ,congo=2", true}, // empty members are allowed
		{" foo@bar=1 ", true},
		{strings.Repeat("k=v,", 31) + "k=v", true},
		{strings.Repeat("k=v,", 32) + "k=v", false},
		{"", false},
		{"novalue", false},
		{"=v", false},
		{"k=", false},
		{"k=v\x00", false},
		{"k=v\n", false},
		{"k=é", false},
		{strings.Repeat("a", 4096) + "=v", false},
	}
	for _, tc := range cases {
		if got := ValidTracestate(tc.in); got != tc.ok {
			t.Errorf("ValidTracestate(%q) = %v, want %v", tc.in, got, tc.ok)
		}
	}
}
