package propagation

import "testing"

const (
	tid128 = "80f198ee56343ba864fe8b2a57d3eff7"
	tid64  = "64fe8b2a57d3eff7"
	sid    = "e457b5a2e4d86bd1"
	pid    = "05e3ac9a4f6e3b90"
	hi128  = 0x80f198ee56343ba8
	lo128  = 0x64fe8b2a57d3eff7
	sidV   = 0xe457b5a2e4d86bd1
	pidV   = 0x05e3ac9a4f6e3b90
)

type b3MultiCase struct {
	name                                string
	trace, span, parent, sampled, flags string
	want                                Context
	ok                                  bool
}

// b3MultiCases are the rules of openzipkin/b3-propagation, multiple headers.
var b3MultiCases = []b3MultiCase{
	{"128-bit sampled child", tid128, sid, pid, "1", "", Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Accept}, true},
	{"64-bit carried unchanged", tid64, sid, "", "1", "", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"no sampled header defers", tid64, sid, "", "", "", Context{TraceLo: lo128, SpanID: sidV}, true},
	{"sampled 0 denies", tid64, sid, "", "0", "", Context{TraceLo: lo128, SpanID: sidV, Sampling: Deny}, true},
	{"lenient true", tid64, sid, "", "true", "", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"lenient false", tid64, sid, "", "false", "", Context{TraceLo: lo128, SpanID: sidV, Sampling: Deny}, true},
	{"flags 1 is debug", tid64, sid, "", "", "1", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, true},
	{"debug overrides deny", tid64, sid, "", "0", "1", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, true},
	{"other flags ignored", tid64, sid, "", "1", "2", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"deny only", "", "", "", "0", "", Context{Sampling: Deny}, true},
	{"accept only", "", "", "", "1", "", Context{Sampling: Accept}, true},
	{"debug only", "", "", "", "", "1", Context{Sampling: Accept, Debug: true}, true},
	{"nothing", "", "", "", "", "", Context{}, false},
	{"zero parent read as root", tid64, sid, "0000000000000000", "1", "", Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{"trace without span", tid64, "", "", "1", "", Context{}, false},
	{"span without trace", "", sid, "", "1", "", Context{}, false},
	{"parent alone", "", "", pid, "1", "", Context{}, false},
	{"bad sampled", tid64, sid, "", "yes", "", Context{}, false},
	{"upper-case trace", "64FE8B2A57D3EFF7", sid, "", "1", "", Context{}, false},
	{"short trace", "64fe8b2a57d3eff", sid, "", "1", "", Context{}, false},
	{"20-digit trace", "000064fe8b2a57d3eff7", sid, "", "1", "", Context{}, false},
	{"zero trace", "0000000000000000", sid, "", "1", "", Context{}, false},
	{"zero span", tid64, "0000000000000000", "", "1", "", Context{}, false},
	{"short span", tid64, "e457b5a2e4d86bd", "", "1", "", Context{}, false},
	{"bad parent", tid64, sid, "05e3ac9a4f6e3b9g", "1", "", Context{}, false},
	{"short parent", tid64, sid, "5e3ac9a4f6e3b90", "1", "", Context{}, false},
	{"huge trace", string(make([]byte, 1<<16)), sid, "", "1", "", Context{}, false},
}

func TestParseB3Multi(t *testing.T) {
	for _, tc := range b3MultiCases {
		got, ok := parseInto(t, func(c *Context) bool { return ParseB3Multi(tc.trace, tc.span, tc.parent, tc.sampled, tc.flags, c) })
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

var b3SingleCases = []struct {
	in   string
	want Context
	ok   bool
}{
	{tid128 + "-" + sid + "-1-" + pid, Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Accept}, true},
	{tid128 + "-" + sid + "-1", Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, Sampling: Accept}, true},
	{tid128 + "-" + sid, Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV}, true},
	{tid64 + "-" + sid, Context{TraceLo: lo128, SpanID: sidV}, true},
	{tid64 + "-" + sid + "-0-" + pid, Context{TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Deny}, true},
	{tid128 + "-" + sid + "-d", Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, true},
	{"0", Context{Sampling: Deny}, true},
	{"1", Context{Sampling: Accept}, true},
	{"d", Context{Sampling: Accept, Debug: true}, true},
	{"", Context{}, false},
	{"2", Context{}, false},
	{"00", Context{}, false},
	{tid128 + "-" + sid + "-x", Context{}, false},
	{tid128 + "-" + sid + "-1-", Context{}, false},
	{tid128 + "-" + sid + "-1-" + pid + "0", Context{}, false},
	{tid128 + "-" + sid + "--" + pid, Context{}, false},
	{tid128 + "-" + sid + "-1x" + pid, Context{}, false},
	{tid128 + "-" + sid + "-11", Context{}, false},
	{tid128 + "-" + sid + "-1-0000000000000000", Context{}, false},
	{tid128 + "_" + sid, Context{}, false},
	{tid128 + "-0000000000000000", Context{}, false},
	{"00000000000000000000000000000000-" + sid, Context{}, false},
	{"80F198EE56343BA864FE8B2A57D3EFF7-" + sid, Context{}, false},
	{tid64 + "-" + sid + "-", Context{}, false},
	{"64fe8b2a57d3eff-" + sid, Context{}, false},
	{tid128 + "-" + sid + "-1-" + pid + "-1", Context{}, false},
}

func TestParseB3Single(t *testing.T) {
	for _, tc := range b3SingleCases {
		got, ok := parseInto(t, func(c *Context) bool { return ParseB3Single(tc.in, c) })
		if ok != tc.ok || got != tc.want {
			t.Errorf("ParseB3Single(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAppendB3Single(t *testing.T) {
	cases := []struct {
		c    Context
		want string
	}{
		{Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Accept}, tid128 + "-" + sid + "-1-" + pid},
		{Context{TraceLo: lo128, SpanID: sidV, Sampling: Deny}, tid64 + "-" + sid + "-0"},
		{Context{TraceLo: lo128, SpanID: sidV, Sampling: Accept, Debug: true}, tid64 + "-" + sid + "-d"},
		// Defer has no state character, so the parent cannot be written.
		{Context{TraceLo: lo128, SpanID: sidV, ParentID: pidV}, tid64 + "-" + sid},
		{Context{Sampling: Deny}, "0"},
		{Context{Sampling: Accept, Debug: true}, "d"},
		{Context{}, ""},
	}
	for _, tc := range cases {
		if got := string(AppendB3Single(nil, tc.c)); got != tc.want {
			t.Errorf("AppendB3Single(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestB3Sampled(t *testing.T) {
	cases := []struct {
		c    Context
		want string
	}{
		{Context{Sampling: Accept}, "1"},
		{Context{Sampling: Deny}, "0"},
		{Context{}, ""},
		{Context{Sampling: Accept, Debug: true}, ""}, // sent as X-B3-Flags: 1 only
	}
	for _, tc := range cases {
		if got := B3Sampled(tc.c); got != tc.want {
			t.Errorf("B3Sampled(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}
