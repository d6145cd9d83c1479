package rewrite

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
)

var tagKey = regexp.MustCompile(`^[A-Za-z0-9_.\-/]+$`)

// value type-checks a directive's value in the scope at pos and returns
// its gofmt'd source and type.
func (w *fileWork) value(d directive, pos token.Pos) (string, types.TypeAndValue, bool) {
	fset := token.NewFileSet()
	e, err := parser.ParseExprFrom(fset, "", d.Value.Text, 0)
	if err != nil {
		w.errorf(d.Value.Pos, "bad expression %s: %v", d.Value.Text, err)
		return "", types.TypeAndValue{}, false
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if err := types.CheckExpr(w.pkg.Fset, w.pkg.Types, pos, e, info); err != nil {
		msg := err.Error()
		if te, ok := err.(types.Error); ok {
			msg = te.Msg
		}
		w.errorf(d.Value.Pos, "bad expression %s: %s", d.Value.Text, msg)
		return "", types.TypeAndValue{}, false
	}
	tv := info.Types[e]
	if t, ok := tv.Type.(*types.Tuple); ok && t.Len() > 1 {
		w.errorf(d.Value.Pos, "bad expression %s: multiple-value %s (value of type %s) in single-value context", d.Value.Text, d.Value.Text, t)
		return "", types.TypeAndValue{}, false
	}
	if _, ok := tv.Type.(*types.Tuple); !tv.IsValue() || ok {
		w.errorf(d.Value.Pos, "bad expression %s: not a value", d.Value.Text)
		return "", types.TypeAndValue{}, false
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, e); err != nil {
		return d.Value.Text, tv, true
	}
	return buf.String(), tv, true
}

// tagLine renders //zipkin:tag as a call of the Span method that fits the
// value's static type.
func (w *fileWork) tagLine(d directive, span string, pos token.Pos) (string, bool) {
	if !tagKey.MatchString(d.Key) {
		w.errorf(d.KeyPos, "bad tag key %q: want [A-Za-z0-9_.\\-/]+", d.Key)
		return "", false
	}
	text, tv, ok := w.value(d, pos)
	if !ok {
		return "", false
	}
	method, arg := tagCall(text, tv)
	return span + "." + method + "(" + strconv.Quote(d.Key) + ", " + arg + ")", true
}

// annotateLine renders //zipkin:annotate; the value must be a string.
func (w *fileWork) annotateLine(d directive, span string, pos token.Pos) (string, bool) {
	text, tv, ok := w.value(d, pos)
	if !ok {
		return "", false
	}
	b, isBasic := tv.Type.Underlying().(*types.Basic)
	if !isBasic || b.Info()&types.IsString == 0 {
		w.errorf(d.Value.Pos, "bad annotate value %s: want a string, have %s", d.Value.Text, tv.Type)
		return "", false
	}
	return span + ".Annotate(" + convert(text, tv, "string") + ")", true
}

var stringerType = types.NewInterfaceType([]*types.Func{
	types.NewFunc(token.NoPos, nil, "String", types.NewSignatureType(nil, nil, nil, nil,
		types.NewTuple(types.NewVar(token.NoPos, nil, "", types.Typ[types.String])), false)),
}, nil).Complete()

// tagCall picks the Span tag method and its argument for a value
// (docs/DESIGN.md "Tag values by static type"). Types with a String method
// keep their readable form (time.Duration, enums), so they come before
// their underlying kinds.
func tagCall(text string, tv types.TypeAndValue) (string, string) {
	t := tv.Type
	errType := types.Universe.Lookup("error").Type()
	if tv.IsNil() {
		return "TagAny", text
	}
	if types.Implements(t, errType.Underlying().(*types.Interface)) {
		return "TagError", text
	}
	if _, basic := t.(*types.Basic); !basic && types.Implements(t, stringerType) {
		return "TagStringer", text
	}
	if sl, ok := t.Underlying().(*types.Slice); ok {
		if b, ok := sl.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return "Tag", "string(" + text + ")"
		}
	}
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return "TagAny", text
	}
	switch info := b.Info(); {
	case info&types.IsString != 0:
		return "Tag", convert(text, tv, "string")
	case info&types.IsBoolean != 0:
		return "TagBool", convert(text, tv, "bool")
	case info&types.IsUnsigned != 0:
		return "TagUint", convert(text, tv, "uint64")
	case info&types.IsInteger != 0:
		return "TagInt", convert(text, tv, "int64")
	case info&types.IsFloat != 0 && b.Kind() != types.Float32:
		// float32 goes to TagAny: widened to float64 it would print
		// 0.10000000149011612 where fmt prints 0.1.
		return "TagFloat", convert(text, tv, "float64")
	}
	return "TagAny", text
}

// convert wraps text in a conversion to the basic type want unless its
// type already is want or it is untyped (a constant, or a comparison),
// which converts implicitly.
func convert(text string, tv types.TypeAndValue, want string) string {
	if b, ok := tv.Type.(*types.Basic); ok && (b.Name() == want || b.Info()&types.IsUntyped != 0) {
		return text
	}
	return want + "(" + text + ")"
}
