package rewrite

import (
	"go/token"
	"strings"

	"github.com/dave/dst"

	"github.com/zipkingen/zipkingen/annotations"
)

// marker returns the generated marker of a dst statement, if it has one:
// a trailing //zipkin:generated comment.
func marker(s dst.Stmt) (annotations.Directive, bool) {
	for _, c := range s.Decorations().End {
		if isMarkerText(c) {
			m, err := annotations.Parse(c, token.NoPos)
			if err != nil {
				return annotations.Directive{Kind: annotations.Generated}, true
			}
			return m, true
		}
	}
	return annotations.Directive{}, false
}

func isMarkerText(c string) bool {
	return c == annotations.Prefix+"generated" || strings.HasPrefix(c, annotations.Prefix+"generated ")
}

func isMarked(s dst.Stmt) bool {
	_, ok := marker(s)
	return ok
}

// strip removes every generated statement of the file and undoes the
// signature changes recorded by the marker words.
func (w *fileWork) strip() {
	oneline := undoSignatures(w.dfile)
	if n := len(w.generated); n > 0 {
		w.notef("removed %d generated statement(s)", n)
	}
	dst.Inspect(w.dfile, func(n dst.Node) bool {
		switch n := n.(type) {
		case *dst.BlockStmt:
			var rest dst.Decorations
			n.List, rest = removeGenerated(n.List)
			if len(rest) > 0 {
				// Comments of an otherwise empty body go back after the
				// brace and the comment on its line, if any.
				if len(n.Decs.Lbrace) == 0 {
					n.Decs.Lbrace = dst.Decorations{"\n"}
				}
				n.Decs.Lbrace = append(n.Decs.Lbrace, rest...)
			}
		case *dst.CaseClause:
			n.Body, _ = removeGenerated(n.Body)
		case *dst.CommClause:
			n.Body, _ = removeGenerated(n.Body)
		}
		return true
	})
	for _, b := range oneline {
		joinBody(b)
	}
}

// undoSignatures undoes the marker words of every function and returns
// the bodies that were on one line.
func undoSignatures(f *dst.File) []*dst.BlockStmt {
	var oneline []*dst.BlockStmt
	dst.Inspect(f, func(n dst.Node) bool {
		var m annotations.Directive
		var body *dst.BlockStmt
		switch n := n.(type) {
		case *dst.FuncDecl:
			m, body = undoSignature(n.Type, n.Body), n.Body
		case *dst.FuncLit:
			m, body = undoSignature(n.Type, n.Body), n.Body
		}
		if m.Oneline {
			oneline = append(oneline, body)
		}
		return true
	})
	return oneline
}

// removeGenerated drops the marked statements of a list. The comments and
// spacing above a dropped statement move down onto the next user
// statement, which is where they stood before the injection; comments
// with no statement after them are returned.
func removeGenerated(list []dst.Stmt) ([]dst.Stmt, dst.Decorations) {
	out := list[:0:0]
	var carry dst.Decorations // fresh: appending never writes into a statement's own slice
	var before dst.SpaceType
	carrying := false
	for _, s := range list {
		d := s.Decorations()
		if isMarked(s) {
			// Only statement-directive lines took the spacing of the
			// statement below them; they are the ones with comments above.
			if !carrying && len(d.Start) > 0 {
				before, carrying = d.Before, true
			}
			carry = append(carry, d.Start...)
			continue
		}
		if carrying {
			d.Before = before
		}
		d.Start = append(carry, d.Start...)
		carry, carrying = nil, false
		out = append(out, s)
	}
	return out, carry
}

// undoSignature reverses the marker words of the first generated statement
// of a body: names given to unnamed parameters or results, and blank names
// replaced by usable ones.
func undoSignature(ft *dst.FuncType, body *dst.BlockStmt) annotations.Directive {
	if body == nil {
		return annotations.Directive{}
	}
	var words annotations.Directive
	var gen []dst.Stmt
	for _, s := range body.List {
		if d, ok := marker(s); ok {
			if len(gen) == 0 {
				words = d
			}
			gen = append(gen, s)
		}
	}
	if len(gen) == 0 {
		return words
	}
	srcName, errName := generatedNames(gen)
	if words.CtxBlank && srcName != "" {
		renameField(ft.Params, srcName, "_")
	}
	if words.ErrBlank && errName != "" {
		renameField(ft.Results, errName, "_")
	}
	if words.Params {
		unname(ft.Params)
	}
	if words.Results {
		unname(ft.Results)
		if ft.Results != nil && len(ft.Results.List) == 1 {
			ft.Results.Opening, ft.Results.Closing = false, false
		}
	}
	return words
}

// joinBody puts a body back on one line, as the oneline word says it was.
func joinBody(b *dst.BlockStmt) {
	if len(b.List) == 0 {
		b.Decs.Lbrace = nil
		return
	}
	b.List[0].Decorations().Before = dst.None
	b.List[len(b.List)-1].Decorations().After = dst.None
}

// isOneline reports whether a body is on one line with its braces.
func isOneline(b *dst.BlockStmt) bool {
	if len(b.List) == 0 {
		return len(b.Decs.Lbrace) == 0 && len(b.Decs.End) == 0
	}
	return b.List[0].Decorations().Before == dst.None && b.List[len(b.List)-1].Decorations().After == dst.None
}

// generatedNames finds, in generated entry statements, the name of the
// context source passed to Start (ctx in Start(ctx, …), r in
// StartRequest(r, …), x in Start(x.Context(), …)) and the error result
// passed to End(&err).
func generatedNames(gen []dst.Stmt) (src, errName string) {
	for _, s := range gen {
		switch s := s.(type) {
		case *dst.AssignStmt:
			if len(s.Rhs) == 1 {
				if c, ok := s.Rhs[0].(*dst.CallExpr); ok && len(c.Args) > 0 && isStartCall(c) {
					src = argName(c.Args[0])
				}
			}
		case *dst.DeferStmt:
			if sel, ok := s.Call.Fun.(*dst.SelectorExpr); ok && sel.Sel.Name == "End" && len(s.Call.Args) == 1 {
				if u, ok := s.Call.Args[0].(*dst.UnaryExpr); ok {
					if id, ok := u.X.(*dst.Ident); ok {
						errName = id.Name
					}
				}
			}
		}
	}
	return src, errName
}

func isStartCall(c *dst.CallExpr) bool {
	sel, ok := c.Fun.(*dst.SelectorExpr)
	return ok && (sel.Sel.Name == "Start" || sel.Sel.Name == "StartRequest" || sel.Sel.Name == "StartFrom")
}

func argName(e dst.Expr) string {
	switch e := e.(type) {
	case *dst.Ident:
		return e.Name
	case *dst.CallExpr:
		if sel, ok := e.Fun.(*dst.SelectorExpr); ok {
			if id, ok := sel.X.(*dst.Ident); ok {
				return id.Name
			}
		}
	}
	return ""
}

func renameField(fl *dst.FieldList, from, to string) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			if n.Name == from {
				n.Name = to
				return
			}
		}
	}
}

func unname(fl *dst.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		f.Names = nil
	}
}
