package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// capturedContext returns the context.Context variable a traced literal
// without a context source of its own starts its span from: the innermost
// one visible at the literal and declared inside the enclosing function
// declaration (or package-level literal), or nil. A literal that ran inside a traced function would
// otherwise start a detached trace (SPEC §4 says a new root; for literals
// that is wrong, see README). Objects declared by generated statements are
// ignored, so that a re-run sees what the first run saw.
func (w *fileWork) capturedContext(fi *funcInfo) *types.Var {
	lit, ok := fi.node.(*ast.FuncLit)
	if !ok {
		return nil
	}
	top := outermost(fi)
	if top == fi {
		return nil // a package-level literal: nothing to capture
	}
	info := w.pkg.TypesInfo
	_, topType, _ := top.signature()
	stop := info.Scopes[topType]
	scope := info.Scopes[lit.Type]
	if stop == nil || scope == nil {
		return nil
	}
	// The literal's own parameters shadow what it captures: start in its
	// scope, at the opening brace of its body.
	pos := lit.Body.Lbrace
	shadowed := map[string]bool{}
	for s := scope; s != nil; s = s.Parent() {
		if v := w.contextIn(s, pos, shadowed, fi); v != nil {
			return v
		}
		if s == stop {
			break
		}
		if s == scope {
			pos = lit.Pos()
		}
	}
	return nil
}

// contextIn returns the context.Context variable of scope s visible at pos
// that no inner scope shadows, marking every name it sees as shadowed for
// the scopes further out. Of several in one scope (a parameter and a
// local), the literal's body reads the one it means; else the latest
// declared is the most derived.
func (w *fileWork) contextIn(s *types.Scope, pos token.Pos, shadowed map[string]bool, fi *funcInfo) *types.Var {
	var cands []*types.Var
	var seen []string
	for _, name := range s.Names() {
		obj := s.Lookup(name)
		if w.declaredByGenerated(obj) || shadowed[name] {
			continue
		}
		if found, _ := s.LookupParent(name, pos); found != s {
			continue // declared after pos
		}
		seen = append(seen, name)
		v, ok := obj.(*types.Var)
		if ok && isContext(v.Type()) {
			cands = append(cands, v)
		}
	}
	for _, name := range seen {
		shadowed[name] = true
	}
	return w.preferRead(cands, fi)
}

// preferRead picks among candidates in one scope: the latest declared
// that fi's body reads, else the latest declared.
func (w *fileWork) preferRead(cands []*types.Var, fi *funcInfo) *types.Var {
	var best, bestRead *types.Var
	for _, v := range cands {
		if best == nil || v.Pos() > best.Pos() {
			best = v
		}
		if (bestRead == nil || v.Pos() > bestRead.Pos()) && w.bodyReads(fi, v) {
			bestRead = v
		}
	}
	if bestRead != nil {
		return bestRead
	}
	return best
}

// outermost is the function declaration a literal is nested in, or the
// package-level literal that holds it.
func outermost(fi *funcInfo) *funcInfo {
	for fi.outer != nil {
		fi = fi.outer
	}
	return fi
}

// declaredByGenerated reports whether obj is declared on a line the
// generator wrote (such as the rebinding ctx of an earlier run).
func (w *fileWork) declaredByGenerated(obj types.Object) bool {
	if obj == nil || !obj.Pos().IsValid() || w.pkg.Fset.File(obj.Pos()) != w.tf {
		return false
	}
	_, ok := w.markers[w.line(obj.Pos())]
	return ok
}

// canRebindCaptured reports whether a literal may declare a local of the
// captured variable's name at the top of its body: not when its own scope
// declares that name (the rebinding would clash with it), and not when
// the body assigns to the captured variable or takes its address (the
// enclosing function would no longer see those writes).
func (w *fileWork) canRebindCaptured(fi *funcInfo, v *types.Var) bool {
	lit := fi.node.(*ast.FuncLit)
	info := w.pkg.TypesInfo
	if obj := info.Scopes[lit.Type].Lookup(v.Name()); obj != nil && !w.declaredByGenerated(obj) {
		return false
	}
	writes := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					writes = writes || w.refersTo(l, v)
				}
			}
		case *ast.IncDecStmt:
			writes = writes || w.refersTo(n.X, v)
		case *ast.UnaryExpr:
			writes = writes || (n.Op == token.AND && w.refersTo(n.X, v))
		}
		return !writes
	})
	return !writes
}

// refersTo reports whether e is an identifier for v (or for the rebinding
// an earlier run declared in its place).
func (w *fileWork) refersTo(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	obj := w.pkg.TypesInfo.Uses[id]
	return obj == v || (obj != nil && obj.Name() == v.Name() && w.declaredByGenerated(obj))
}

// varUsed reports whether the body of fi reads v outside generated
// statements, or a traced literal nested in fi starts from v (its start
// line will read it, and must see fi's span).
func (w *fileWork) varUsed(fi *funcInfo, v *types.Var) bool {
	return w.bodyReads(fi, v) || w.nestedCaptures(fi, v)
}

// bodyReads reports whether the body of fi mentions v outside generated
// statements, other than as the target of an assignment.
func (w *fileWork) bodyReads(fi *funcInfo, v *types.Var) bool {
	_, _, body := fi.signature()
	used := false
	targets := map[*ast.Ident]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case ast.Stmt:
			if w.generated[n] {
				return false
			}
			if a, ok := n.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
				for _, l := range a.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok {
						targets[id] = true
					}
				}
			}
		case *ast.Ident:
			used = used || (!targets[n] && w.refersTo(n, v))
		}
		return !used
	})
	return used
}

// nestedCaptures reports whether a traced literal inside fi starts its
// span from the captured variable v.
func (w *fileWork) nestedCaptures(fi *funcInfo, v *types.Var) bool {
	for _, g := range w.order {
		if !g.traced || g == fi || !nestedIn(g, fi) {
			continue
		}
		if w.contextSource(g).kind == srcRoot && w.capturedContext(g) == v {
			return true
		}
	}
	return false
}

func nestedIn(g, fi *funcInfo) bool {
	for f := g.outer; f != nil; f = f.outer {
		if f == fi {
			return true
		}
	}
	return false
}
