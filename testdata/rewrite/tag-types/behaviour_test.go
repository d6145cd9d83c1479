package tagtypes

import (
	"errors"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// TestTagValuesReadLikeFmt checks every tag against fmt.Sprint of the
// value, the output a Go developer expects from %v ([]byte excepted: it is
// tagged as the string it holds).
func TestTagValuesReadLikeFmt(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	v := Values{
		S: "str", C: "red", I: -3, I8: -8, I64: 1 << 40, U: 3, U16: 65535,
		U64: 1<<64 - 1, UP: 0x10, F32: 0.1, F64: 2.5e-7, B: true,
		Err: errors.New("bad"), Lvl: 1, D: 1500 * time.Millisecond,
		Bytes: []byte("raw"), Addr: netip.MustParseAddr("10.0.0.1"),
		P: Point{1, 2}, M: map[string]int{"k": 1}, R: 'x', By: 'y', Cx: 1 + 2i,
	}
	All(ctx, v)
	s := zipkintest.Named(t, rec, "tagtypes.All")
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
		zipkintest.HasTag(t, s, k, w)
	}
}

func TestConstantTagValues(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	Consts(ctx)
	s := zipkintest.Named(t, rec, "tagtypes.Consts")
	for k, w := range map[string]string{
		"lit": "literal", "untyped.int": "42", "untyped.float": "2.5",
		"untyped.bool": "true", "typed": "1s", "call": "made", "sum": "3",
	} {
		zipkintest.HasTag(t, s, k, w)
	}
}
