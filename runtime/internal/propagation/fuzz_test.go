package propagation

import (
	"strings"
	"testing"
)

// The fuzz targets assert that the parsers never panic and that what they
// accept survives a format-and-parse round trip unchanged: whatever a
// parser accepts, its formatter writes back as the same context.

func FuzzB3Single(f *testing.F) {
	for _, tc := range b3SingleCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, ok := ParseB3Single(in)
		if !ok {
			if c != (Context{}) {
				t.Fatalf("rejected %q but returned %+v", in, c)
			}
			return
		}
		out := string(AppendB3Single(nil, c))
		c2, ok := ParseB3Single(out)
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
		c, ok := ParseB3Multi(trace, span, parent, sampled, flags)
		if !ok {
			return
		}
		h := formatB3Multi(c)
		c2, ok := ParseB3Multi(h[0], h[1], h[2], h[3], h[4])
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
		c, ok := ParseTraceparent(in)
		if !ok {
			return
		}
		out := string(AppendTraceparent(nil, c))
		c2, ok := ParseTraceparent(out)
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
		c, ok := ParseUber(in)
		if !ok {
			return
		}
		out := string(AppendUber(nil, c))
		c2, ok := ParseUber(out)
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
