package propagation

import (
	"strings"
	"testing"
)

var uberCases = []struct {
	name string
	in   string
	want Context
	ok   bool
}{
	{"128-bit sampled child", tid128 + ":" + sid + ":" + pid + ":1", Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Accept}, true},
	{"root with parent 0", tid64 + ":" + sid + ":0:1", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"not sampled", tid64 + ":" + sid + ":0:0", Context{TraceLo: lo128, SpanID: sidV, Sampling: Deny}, true},
	{"debug is 3", tid64 + ":" + sid + ":0:3", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, true},
	{"debug bit alone implies sampled", tid64 + ":" + sid + ":0:2", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, true},
	{"two-digit flags, firehose bit ignored", tid64 + ":" + sid + ":0:09", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"short IDs left-padded", "abc:de:f:1", Context{TraceLo: 0xabc, SpanID: 0xde, ParentID: 0xf, Sampling: Accept}, true},
	{"short 128-bit trace", "1" + tid64 + ":" + sid + ":0:1", Context{TraceHi: 1, TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"upper-case hex", strings.ToUpper(tid64) + ":" + strings.ToUpper(sid) + ":0:1", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"URL-encoded separators", tid64 + "%3A" + sid + "%3a0%3A1", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"mixed separators", tid64 + ":" + sid + "%3A0:1", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"zero trace", "0:" + sid + ":0:1", Context{}, false},
	{"zero span", tid64 + ":0:0:1", Context{}, false},
	{"three fields", tid64 + ":" + sid + ":1", Context{}, false},
	{"five fields", tid64 + ":" + sid + ":0:1:1", Context{}, false},
	{"empty field", tid64 + "::0:1", Context{}, false},
	{"empty flags", tid64 + ":" + sid + ":0:", Context{}, false},
	{"three-digit flags", tid64 + ":" + sid + ":0:001", Context{}, false},
	{"33-digit trace", "1" + tid128 + ":" + sid + ":0:1", Context{}, false},
	{"17-digit span", tid64 + ":1" + sid + ":0:1", Context{}, false},
	{"bad hex", tid64 + ":" + sid + ":0:g", Context{}, false},
	{"partial escape", tid64 + "%3" + sid + ":0:1", Context{}, false},
	{"hostile length", strings.Repeat(":", 1<<16), Context{}, false},
	{"empty", "", Context{}, false},
}

func TestParseUber(t *testing.T) {
	for _, tc := range uberCases {
		got, ok := parseInto(t, func(c *Context) bool { return ParseUber(tc.in, c) })
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: ParseUber(%q) = %+v, %v; want %+v, %v", tc.name, tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAppendUber(t *testing.T) {
	cases := []struct {
		c    Context
		want string
	}{
		{Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Accept}, tid128 + ":" + sid + ":" + pid + ":1"},
		{Context{TraceLo: 0xabc, SpanID: 0xde, Sampling: Deny}, "0000000000000abc:00000000000000de:0:0"},
		{Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, tid64 + ":" + sid + ":0:3"},
		{Context{TraceLo: lo128, SpanID: sidV}, tid64 + ":" + sid + ":0:0"},
		{Context{Sampling: Accept}, ""},
	}
	for _, tc := range cases {
		if got := string(AppendUber(nil, tc.c)); got != tc.want {
			t.Errorf("AppendUber(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}
