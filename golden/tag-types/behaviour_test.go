package tagtypes

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestTagValuesReadLikeFmt checks every tag against fmt.Sprint of the
// value, the output a Go developer expects from %v ([]byte excepted: it is
// tagged as the string it holds).
func TestTagValuesReadLikeFmt(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	v := Values{
		S: "str", C: "red", I: -3, I8: -8, I64: 1 << 40, U: 3, U16: 65535,
		U64: 1<<64 - 1, UP: 0x10, F32: 0.1, F64: 2.5e-7, B: true,
		Err: errors.New("bad"), Lvl: 1, D: 1500 * time.Millisecond,
		Bytes: []byte("raw"), Addr: netip.MustParseAddr("10.0.0.1"),
		P: Point{1, 2}, M: map[string]int{"k": 1}, R: 'x', By: 'y', Cx: 1 + 2i,
	}
	All(ctx, v)
	s := named(t, rec, "tagtypes.All")
	want := map[string]string{
		"s": fmt.Sprint(v.S), "c": fmt.Sprint(v.C), "i": fmt.Sprint(v.I),
		"i8": fmt.Sprint(v.I8), "i64": fmt.Sprint(v.I64), "u": fmt.Sprint(v.U),
		"u16": fmt.Sprint(v.U16), "u64": fmt.Sprint(v.U64), "up": fmt.Sprint(v.UP),
		"f32": fmt.Sprint(v.F32), "f64": fmt.Sprint(v.F64), "b": fmt.Sprint(v.B),
		"err": fmt.Sprint(v.Err), "nil": fmt.Sprint(v.Nil), "lvl": fmt.Sprint(v.Lvl),
		"d": fmt.Sprint(v.D), "bytes": string(v.Bytes), "addr": fmt.Sprint(v.Addr),
		"p": fmt.Sprint(v.P), "pp": fmt.Sprint(v.PP), "m": fmt.Sprint(v.M),
		"r": fmt.Sprint(v.R), "by": fmt.Sprint(v.By), "cx": fmt.Sprint(v.Cx),
	}
	for k, w := range want {
		hasTag(t, s, k, w)
	}
}

func TestConstantTagValues(t *testing.T) {
	rec := record(t)
	ctx, _ := parent(t)
	Consts(ctx)
	s := named(t, rec, "tagtypes.Consts")
	for k, w := range map[string]string{
		"lit": "literal", "untyped.int": "42", "untyped.float": "2.5",
		"untyped.bool": "true", "typed": "1s", "call": "made", "sum": "3",
	} {
		hasTag(t, s, k, w)
	}
}

// record installs a test tracer as the default tracer for the rest of the
// test and returns the recorder its spans go to.
func record(t *testing.T) *zipkin.Recorder {
	t.Helper()
	tr, rec := zipkin.NewTestTracer()
	prev := zipkin.SetDefault(tr)
	t.Cleanup(func() { zipkin.SetDefault(prev) })
	return rec
}

// parent starts a span for the code under test to be a child of.
func parent(t *testing.T) (context.Context, zipkin.SpanContext) {
	t.Helper()
	ctx, span := zipkin.Start(context.Background(), "test.parent")
	t.Cleanup(func() { span.End(nil) })
	return ctx, span.Context()
}

// named returns the one recorded span called name.
func named(t *testing.T, rec *zipkin.Recorder, name string) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	var all []string
	for _, s := range rec.Spans() {
		all = append(all, s.Name)
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans named %q, want 1; recorded %q", len(found), name, all)
	}
	return found[0]
}

// hasTag checks one tag's value.
func hasTag(t *testing.T, s zipkin.RecordedSpan, key, want string) {
	t.Helper()
	got, ok := s.Tags[key]
	switch {
	case !ok:
		t.Errorf("span %q has no tag %q; tags %q", s.Name, key, s.Tags)
	case got != want:
		t.Errorf("span %q: tag %q = %q, want %q", s.Name, key, got, want)
	}
}
