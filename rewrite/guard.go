package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
)

// guardLines puts the lines of tag and annotate directives inside one
// "if span.IsRecording() {" when any of their values could have an effect
// or panic: a call, a receive, an index, a field reached through a
// pointer, an operator. Those then run only when the span records, never
// with tracing off or the trace unsampled (the span is nil then). Values
// that are inert (constants, variables, fields of struct values) cost
// nothing to pass, and their lines stay one line each. pos is where the
// values are evaluated.
func (w *fileWork) guardLines(ds []directive, pos token.Pos, span string, lines []string) []string {
	if len(lines) == 0 {
		return lines
	}
	guard := false
	for _, d := range ds {
		guard = guard || !w.inertValue(d.Value.Text, pos)
	}
	if !guard {
		return lines
	}
	out := make([]string, 0, len(lines)+2)
	out = append(out, "if "+span+".IsRecording() {")
	out = append(out, lines...)
	return append(out, "}")
}

// inertValue reports whether evaluating a directive's value, in the scope
// at pos, can have no effect and cannot panic.
func (w *fileWork) inertValue(text string, pos token.Pos) bool {
	if text == "" {
		return true // a directive without a value expression
	}
	e, err := parser.ParseExprFrom(token.NewFileSet(), "", text, 0)
	if err != nil {
		return false
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	if types.CheckExpr(w.pkg.Fset, w.pkg.Types, pos, e, info) != nil {
		return false
	}
	return inert(e, info)
}

// inert: a literal, a constant expression, a name (a variable or a
// constant, of this package or another), or a field of an inert struct
// value (no pointer on the way, so no nil dereference).
func inert(e ast.Expr, info *types.Info) bool {
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch x := e.(type) {
	case *ast.BasicLit, *ast.Ident:
		return true
	case *ast.ParenExpr:
		return inert(x.X, info)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if _, pkg := info.Uses[id].(*types.PkgName); pkg {
				return true // pkg.Var
			}
		}
		sel := info.Selections[x]
		if sel == nil || sel.Kind() != types.FieldVal || sel.Indirect() {
			return false
		}
		if _, ptr := info.Types[x.X].Type.Underlying().(*types.Pointer); ptr {
			return false
		}
		return inert(x.X, info)
	}
	return false
}
