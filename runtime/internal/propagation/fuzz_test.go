package propagation

import (
	"strings"
	"testing"
)

// The fuzz targets assert that the parsers never panic, that what they
// reject leaves the caller's Context untouched, and that what they accept
// survives a format-and-parse round trip unchanged: whatever a parser
// accepts, its formatter writes back as the same context.

// parseInto runs parse on a Context that already holds another context, as
// package zipkin reuses one for every format it tries, and checks the
// parsers' contract: a rejected value leaves it unchanged, an accepted one
// overwrites every field. It returns the parsed context, or the zero
// Context when parse rejected the value.
func parseInto(t testing.TB, parse func(*Context) bool) (Context, bool) {
	t.Helper()
	before := Context{TraceHi: 1, TraceLo: 2, SpanID: 3, ParentID: 4, Sampling: 5, Debug: true, TraceState: "x=y"}
	c := before
	if !parse(&c) {
		if c != before {
			t.Errorf("rejected, but changed the context to %+v", c)
		}
		return Context{}, false
	}
	if c.TraceState != "" {
		t.Errorf("accepted, but left TraceState %q in place", c.TraceState)
	}
	return c, true
}

func FuzzB3Single(f *testing.F) {
	for _, tc := range b3SingleCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, ok := parseInto(t, func(c *Context) bool { return ParseB3Single(in, c) })
		if !ok {
			return
		}
		out := string(AppendB3Single(nil, c))
		c2, ok := parseInto(t, func(c *Context) bool { return ParseB3Single(out, c) })
		if !ok || c2 != c {
			t.Fatalf("%q parsed as %+v, written as %q, read back as %+v, %v", in, c, out, c2, ok)
		}
	})
}

func FuzzB3Multi(f *testing.F) {
	for _, tc := range b3MultiCases {
		if len(tc.trace) < 100 {
			f.Add(tc.trace, tc.span, tc.parent, tc.sampled, tc.flags)
		}
	}
	f.Fuzz(func(t *testing.T, trace, span, parent, sampled, flags string) {
		c, ok := parseInto(t, func(c *Context) bool { return ParseB3Multi(trace, span, parent, sampled, flags, c) })
		if !ok {
			return
		}
		h := formatB3Multi(c)
		c2, ok := parseInto(t, func(c *Context) bool { return ParseB3Multi(h[0], h[1], h[2], h[3], h[4], c) })
		if !ok || c2 != c {
			t.Fatalf("parsed as %+v, written as %q, read back as %+v, %v", c, h, c2, ok)
		}
	})
}

// formatB3Multi writes c as the five B3 header values, as package zipkin
// does when it injects.
func formatB3Multi(c Context) (h [5]string) {
	if c.HasIDs() {
		h[0] = string(appendTraceID(nil, c.TraceHi, c.TraceLo))
		h[1] = string(AppendHex64(nil, c.SpanID))
		if c.ParentID != 0 {
			h[2] = string(AppendHex64(nil, c.ParentID))
		}
	}
	h[3] = B3Sampled(c)
	if c.Debug {
		h[4] = "1"
	}
	return h
}

func FuzzTraceparent(f *testing.F) {
	for _, tc := range traceparentCases {
		if len(tc.in) < 1000 {
			f.Add(tc.in)
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, ok := parseInto(t, func(c *Context) bool { return ParseTraceparent(in, c) })
		if !ok {
			return
		}
		out := string(AppendTraceparent(nil, c))
		c2, ok := parseInto(t, func(c *Context) bool { return ParseTraceparent(out, c) })
		if !ok || c2 != c {
			t.Fatalf("%q parsed as %+v, written as %q, read back as %+v, %v", in, c, out, c2, ok)
		}
	})
}

func FuzzUber(f *testing.F) {
	for _, tc := range uberCases {
		if len(tc.in) < 1000 {
			f.Add(tc.in)
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, ok := parseInto(t, func(c *Context) bool { return ParseUber(in, c) })
		if !ok {
			return
		}
		out := string(AppendUber(nil, c))
		c2, ok := parseInto(t, func(c *Context) bool { return ParseUber(out, c) })
		if !ok || c2 != c {
			t.Fatalf("%q parsed as %+v, written as %q, read back as %+v, %v", in, c, out, c2, ok)
		}
	})
}

// FuzzTracestate compares ValidTracestate with a plain reference written
// with package strings.
func FuzzTracestate(f *testing.F) {
	f.Add("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
	f.Add("k=v, ,x=y")
	f.Add("k=v\t,\t=x")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := ValidTracestate(in), referenceTracestate(in); got != want {
			t.Fatalf("ValidTracestate(%q) = %v, reference says %v", in, got, want)
		}
	})
}

func referenceTracestate(in string) bool {
	if in == "" || len(in) > maxTracestate {
		return false
	}
	members := strings.Split(in, ",")
	if len(members) > maxTracestateMembers {
		return false
	}
	for _, m := range members {
		m = strings.Trim(m, " \t")
		if m == "" {
			continue
		}
		for _, c := range []byte(m) {
			if c < 0x20 || c > 0x7e {
				return false
			}
		}
		k, v, ok := strings.Cut(m, "=")
		if !ok || k == "" || v == "" {
			return false
		}
	}
	return true
}
