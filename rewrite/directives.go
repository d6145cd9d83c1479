package rewrite

import (
	"go/ast"
	"go/token"
	"sort"
	"strings"

	"github.com/zipkingen/zipkingen/annotations"
)

// directive is one parsed //zipkin: comment and the comment it came from.
type directive struct {
	annotations.Directive
	comment *ast.Comment
}

// funcInfo is what the directives say about one function (a declaration or
// a literal), collected before deciding whether it is traced.
type funcInfo struct {
	node     ast.Node // *ast.FuncDecl or *ast.FuncLit
	outer    *funcInfo
	doc      []directive // trace, tag and ignore from the doc comment or the line before a literal
	stmts    []stmtDirectives
	traced   bool
	auto     bool   // considered by -all rather than marked by hand
	badTrace bool   // a //zipkin:trace that did not parse: its error is reported already
	name     string // span name when traced
}

// traceDirective returns the //zipkin:trace of f (a zero one if none).
func (f *funcInfo) traceDirective() directive {
	for _, d := range f.doc {
		if d.Kind == annotations.Trace {
			return d
		}
	}
	return directive{}
}

// stmtDirectives are the tag and annotate directives on the lines before
// one user statement.
type stmtDirectives struct {
	stmt ast.Stmt
	dirs []directive
}

// signature returns the function's receiver (nil for literals and
// functions), type and body.
func (f *funcInfo) signature() (*ast.FieldList, *ast.FuncType, *ast.BlockStmt) {
	switch n := f.node.(type) {
	case *ast.FuncDecl:
		return n.Recv, n.Type, n.Body
	case *ast.FuncLit:
		return nil, n.Type, n.Body
	}
	return nil, nil, nil
}

// scan parses every //zipkin: comment of the file. Directives become
// w.dirs (sorted by position); syntax errors become diagnostics;
// generated markers are indexed by line.
func (w *fileWork) scan() {
	imports := importLines(w.file, w.tf)
	for _, g := range w.file.Comments {
		for _, c := range g.List {
			if !annotations.IsDirective(c.Text) {
				continue
			}
			if imports[w.line(c.Slash)] && isMarkerText(c.Text) {
				w.importMarked = true // the runtime import's own marker (see addImport)
				continue
			}
			d, err := annotations.Parse(c.Text, c.Slash)
			if err != nil && strings.HasPrefix(c.Text, annotations.Prefix+"trace") {
				// A malformed trace still marks the function, so that its
				// tags are not reported as tags without a trace.
				w.badTraces = append(w.badTraces, c.Slash)
			}
			if err != nil {
				pos := c.Slash
				if ae, ok := err.(*annotations.Error); ok && ae.Pos.IsValid() {
					pos = ae.Pos
				}
				w.errorf(pos, "%s", err.Error())
				w.consumed[c] = true
				continue
			}
			if d.Kind == annotations.Generated {
				w.markers[w.line(c.Slash)] = directive{d, c}
				continue
			}
			w.dirs = append(w.dirs, directive{d, c})
		}
	}
	sort.Slice(w.dirs, func(i, j int) bool { return w.dirs[i].comment.Slash < w.dirs[j].comment.Slash })
}

// isGenerated reports whether s is a statement the generator wrote: its
// last line ends with the marker comment.
func (w *fileWork) isGenerated(s ast.Stmt) bool {
	m, ok := w.markers[w.line(s.End())]
	return ok && m.comment.Slash >= s.End()
}

// between returns the directives strictly between a and b.
func (w *fileWork) between(a, b token.Pos) []directive {
	i := sort.Search(len(w.dirs), func(i int) bool { return w.dirs[i].comment.Slash > a })
	j := sort.Search(len(w.dirs), func(i int) bool { return w.dirs[i].comment.Slash >= b })
	if i >= j {
		return nil
	}
	return w.dirs[i:j]
}

// attach walks the file and ties every directive to a function doc or to
// the user statement that follows it, inside the innermost function.
func (w *fileWork) attach() {
	var stack []*funcInfo
	var nodes []ast.Node
	ast.Inspect(w.file, func(n ast.Node) bool {
		if n == nil {
			if top := nodes[len(nodes)-1]; top == currentFunc(stack) {
				stack = stack[:len(stack)-1]
			}
			nodes = nodes[:len(nodes)-1]
			return true
		}
		nodes = append(nodes, n)
		switch n := n.(type) {
		case *ast.FuncDecl:
			fi := w.info(n, nil)
			if n.Doc != nil {
				fi.doc = append(fi.doc, w.between(n.Doc.Pos()-1, n.Doc.End())...)
				w.consume(fi.doc)
				for _, p := range w.badTraces {
					fi.badTrace = fi.badTrace || (n.Doc.Pos() <= p && p < n.Doc.End())
				}
			}
			stack = append(stack, fi)
		case *ast.FuncLit:
			stack = append(stack, w.info(n, top(stack)))
		case *ast.BlockStmt:
			w.attachList(n.Lbrace, n.List, top(stack))
		case *ast.CaseClause:
			w.attachList(n.Colon, n.Body, top(stack))
		case *ast.CommClause:
			w.attachList(n.Colon, n.Body, top(stack))
		}
		return true
	})
	w.attachLiterals()
	// Literals met through their statement's directives were registered
	// before the literals above them: restore source order.
	sort.SliceStable(w.order, func(i, j int) bool { return w.order[i].node.Pos() < w.order[j].node.Pos() })
}

func top(stack []*funcInfo) *funcInfo {
	if len(stack) == 0 {
		return nil
	}
	return stack[len(stack)-1]
}

func currentFunc(stack []*funcInfo) ast.Node {
	if f := top(stack); f != nil {
		return f.node
	}
	return nil
}

// info returns the funcInfo of a function node, creating it.
func (w *fileWork) info(n ast.Node, outer *funcInfo) *funcInfo {
	if fi, ok := w.funcs[n]; ok {
		return fi
	}
	fi := &funcInfo{node: n, outer: outer}
	w.funcs[n] = fi
	w.order = append(w.order, fi)
	return fi
}

func (w *fileWork) consume(ds []directive) {
	for _, d := range ds {
		w.consumed[d.comment] = true
	}
}

// attachList ties the directives on their own lines between two user
// statements to the second one. Generated statements are transparent: the
// directive above them belongs to the user statement they precede.
func (w *fileWork) attachList(open token.Pos, list []ast.Stmt, fn *funcInfo) {
	prev := open
	for _, s := range list {
		switch s.(type) {
		case *ast.CaseClause, *ast.CommClause:
			// The body of a switch or select: a directive before "case"
			// is attached to nothing (no statement can go there).
			prev = s.End()
			continue
		}
		if w.isGenerated(s) {
			w.generated[s] = true
			continue
		}
		var own []directive
		for _, d := range w.between(prev, s.Pos()) {
			if w.line(d.comment.Slash) > w.line(prev) {
				own = append(own, d)
			}
		}
		prev = s.End()
		if len(own) == 0 {
			continue
		}
		w.consume(own)
		w.attachStmt(s, own, fn)
	}
}

// attachStmt splits the directives before a statement: a trace (and the
// tags with it) marks the first function literal of the statement; the
// rest are statement directives of the enclosing function.
func (w *fileWork) attachStmt(s ast.Stmt, ds []directive, fn *funcInfo) {
	var lit *ast.FuncLit
	for _, d := range ds {
		if d.Kind == annotations.Trace {
			lit = firstFuncLit(s)
			if lit == nil {
				w.errorf(d.Pos, "//zipkin:trace before a statement must precede a function literal")
				return
			}
		}
	}
	var rest []directive
	for _, d := range ds {
		switch {
		case lit != nil && (d.Kind == annotations.Trace || d.Kind == annotations.Tag):
			li := w.info(lit, fn)
			li.doc = append(li.doc, d)
		case d.Kind == annotations.Ignore:
			w.errorf(d.Pos, "//zipkin:ignore belongs in a function's doc comment")
		default:
			rest = append(rest, d)
		}
	}
	if len(rest) == 0 {
		return
	}
	if fn == nil {
		w.errorf(rest[0].Pos, "//zipkin:%s outside a traced function", rest[0].Kind)
		return
	}
	fn.stmts = append(fn.stmts, stmtDirectives{stmt: s, dirs: rest})
}

// attachLiterals ties a //zipkin:trace that is neither in a function's doc
// comment nor before a statement to the function literal that starts on
// the line right after its comment group, wherever the literal stands: a
// composite-literal element, a package-level var, one of several
// arguments of a call. The //zipkin:tag lines of the group are its entry
// tags. A trace with no literal there is left for dangling to report.
func (w *fileWork) attachLiterals() {
	var pending []directive
	for _, d := range w.dirs {
		if d.Kind == annotations.Trace && !w.consumed[d.comment] {
			pending = append(pending, d)
		}
	}
	if len(pending) == 0 {
		return
	}
	byLine := map[int]*ast.FuncLit{}
	ast.Inspect(w.file, func(n ast.Node) bool {
		if l, ok := n.(*ast.FuncLit); ok {
			if _, seen := byLine[w.line(l.Pos())]; !seen {
				byLine[w.line(l.Pos())] = l
			}
		}
		return true
	})
	for _, d := range pending {
		g := w.groupOf(d.comment)
		if g == nil || w.consumed[d.comment] {
			continue
		}
		lit := byLine[w.line(g.End())+1]
		if lit == nil || w.funcs[lit] == nil {
			continue
		}
		fi := w.funcs[lit]
		for _, gd := range w.between(g.Pos()-1, g.End()) {
			if !w.consumed[gd.comment] && (gd.Kind == annotations.Trace || gd.Kind == annotations.Tag) {
				fi.doc = append(fi.doc, gd)
				w.consumed[gd.comment] = true
			}
		}
	}
}

// groupOf returns the comment group that holds c.
func (w *fileWork) groupOf(c *ast.Comment) *ast.CommentGroup {
	for _, g := range w.file.Comments {
		if g.Pos() <= c.Pos() && c.End() <= g.End() {
			return g
		}
	}
	return nil
}

func firstFuncLit(n ast.Node) *ast.FuncLit {
	var lit *ast.FuncLit
	ast.Inspect(n, func(n ast.Node) bool {
		if lit != nil {
			return false
		}
		if l, ok := n.(*ast.FuncLit); ok {
			lit = l
			return false
		}
		return true
	})
	return lit
}

// dangling reports every directive that nothing consumed.
func (w *fileWork) dangling() {
	for _, d := range w.dirs {
		switch {
		case w.consumed[d.comment]:
		case d.Kind == annotations.Trace:
			w.errorf(d.Pos, "//zipkin:trace is not attached to a function: put it in a function's doc comment or on the line right before a function literal")
		default:
			w.errorf(d.Pos, "//zipkin:%s is not attached to a function or a statement", d.Kind)
		}
	}
}
