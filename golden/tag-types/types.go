// Package tagtypes tags values of every static type class; each tag's
// value must read as fmt.Sprint would print it, without reflection where
// the type is known.
package tagtypes

import (
	"context"
	"errors"
	"net/netip"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Color is a named string without methods.
type Color string

// Level is a named int with a String method.
type Level int

func (l Level) String() string { return [...]string{"low", "high"}[l] }

// Point is a struct without methods: the fmt fallback.
type Point struct{ X, Y int }

// Values holds one value of each class.
type Values struct {
	S     string
	C     Color
	I     int
	I8    int8
	I64   int64
	U     uint
	U16   uint16
	U64   uint64
	UP    uintptr
	F32   float32
	F64   float64
	B     bool
	Err   error
	Nil   error
	Lvl   Level
	D     time.Duration
	Bytes []byte
	Addr  netip.Addr
	P     Point
	PP    *Point
	M     map[string]int
	R     rune
	By    byte
	Cx    complex128
}

// All tags every field.
//
//zipkin:trace
//zipkin:tag s v.S
//zipkin:tag c v.C
//zipkin:tag i v.I
//zipkin:tag i8 v.I8
//zipkin:tag i64 v.I64
//zipkin:tag u v.U
//zipkin:tag u16 v.U16
//zipkin:tag u64 v.U64
//zipkin:tag up v.UP
//zipkin:tag f32 v.F32
//zipkin:tag f64 v.F64
//zipkin:tag b v.B
//zipkin:tag err v.Err
//zipkin:tag nil v.Nil
//zipkin:tag lvl v.Lvl
//zipkin:tag d v.D
//zipkin:tag bytes v.Bytes
//zipkin:tag addr v.Addr
//zipkin:tag p v.P
//zipkin:tag pp v.PP
//zipkin:tag m v.M
//zipkin:tag r v.R
//zipkin:tag by v.By
//zipkin:tag cx v.Cx
func All(ctx context.Context, v Values) {
	_, span := zipkin.Start(ctx, "tagtypes.All") //zipkin:generated oneline
	defer span.End(nil)                          //zipkin:generated
	span.Tag("s", v.S)                           //zipkin:generated
	span.Tag("c", string(v.C))                   //zipkin:generated
	span.TagInt("i", int64(v.I))                 //zipkin:generated
	span.TagInt("i8", int64(v.I8))               //zipkin:generated
	span.TagInt("i64", v.I64)                    //zipkin:generated
	span.TagUint("u", uint64(v.U))               //zipkin:generated
	span.TagUint("u16", uint64(v.U16))           //zipkin:generated
	span.TagUint("u64", v.U64)                   //zipkin:generated
	span.TagUint("up", uint64(v.UP))             //zipkin:generated
	span.TagAny("f32", v.F32)                    //zipkin:generated
	span.TagFloat("f64", v.F64)                  //zipkin:generated
	span.TagBool("b", v.B)                       //zipkin:generated
	span.TagError("err", v.Err)                  //zipkin:generated
	span.TagError("nil", v.Nil)                  //zipkin:generated
	span.TagStringer("lvl", v.Lvl)               //zipkin:generated
	span.TagStringer("d", v.D)                   //zipkin:generated
	span.Tag("bytes", string(v.Bytes))           //zipkin:generated
	span.TagStringer("addr", v.Addr)             //zipkin:generated
	span.TagAny("p", v.P)                        //zipkin:generated
	span.TagAny("pp", v.PP)                      //zipkin:generated
	span.TagAny("m", v.M)                        //zipkin:generated
	span.TagInt("r", int64(v.R))                 //zipkin:generated
	span.TagUint("by", uint64(v.By))             //zipkin:generated
	span.TagAny("cx", v.Cx)                      //zipkin:generated
}

// ErrSample is a sample error.
var ErrSample = errors.New("sample")

// Consts tags constants and literals of each class.
//
//zipkin:trace
//zipkin:tag lit "literal"
//zipkin:tag untyped.int 42
//zipkin:tag untyped.float 2.5
//zipkin:tag untyped.bool true
//zipkin:tag typed time.Second
//zipkin:tag call errors.New("made").Error()
//zipkin:tag sum 1+2
func Consts(ctx context.Context) {
	_, span := zipkin.Start(ctx, "tagtypes.Consts") //zipkin:generated oneline
	defer span.End(nil)                             //zipkin:generated
	if span.IsRecording() {                         //zipkin:generated
		span.Tag("lit", "literal")                   //zipkin:generated
		span.TagInt("untyped.int", 42)               //zipkin:generated
		span.TagFloat("untyped.float", 2.5)          //zipkin:generated
		span.TagBool("untyped.bool", true)           //zipkin:generated
		span.TagStringer("typed", time.Second)       //zipkin:generated
		span.Tag("call", errors.New("made").Error()) //zipkin:generated
		span.TagInt("sum", 1+2)                      //zipkin:generated
	} //zipkin:generated
}
