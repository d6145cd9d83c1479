package rewrite

import (
	"fmt"
	"go/ast"
	"strings"

	"github.com/zipkingen/zipkingen/annotations"
)

// decide settles which functions are traced and reports directives that
// are valid alone but not where they stand.
func (w *fileWork) decide() {
	for _, fi := range w.order {
		w.decideFunc(fi)
	}
	for _, fi := range w.order {
		if fi.traced {
			continue
		}
		for _, sd := range fi.stmts {
			for _, d := range sd.dirs {
				w.errorf(d.Pos, "//zipkin:%s outside a traced function", d.Kind)
			}
		}
	}
}

func (w *fileWork) decideFunc(fi *funcInfo) {
	var trace, ignore *directive
	for i := range fi.doc {
		d := &fi.doc[i]
		switch d.Kind {
		case annotations.Trace:
			if trace != nil {
				w.errorf(d.Pos, "duplicate //zipkin:trace")
				continue
			}
			trace = d
		case annotations.Ignore:
			ignore = d
		case annotations.Annotate:
			w.errorf(d.Pos, "//zipkin:annotate must be on the line before a statement")
		}
	}
	_, _, body := fi.signature()
	switch {
	case trace != nil && ignore != nil:
		w.errorf(ignore.Pos, "//zipkin:ignore and //zipkin:trace on the same function")
	case trace != nil && body == nil:
		w.errorf(trace.Pos, "//zipkin:trace on a function without a body")
	case trace != nil && isNosplit(fi):
		w.errorf(trace.Pos, "//zipkin:trace on a //go:nosplit function (its stack cannot hold a span)")
	case trace != nil:
		fi.traced = true
	case w.e.opts.All && ignore == nil && body != nil:
		fi.auto = true
		fi.traced = w.autoTraceable(fi)
	}
	if !fi.traced && !fi.badTrace {
		for _, d := range fi.doc {
			if d.Kind == annotations.Tag {
				w.errorf(d.Pos, "//zipkin:tag in a doc comment needs //zipkin:trace")
			}
		}
	}
}

// autoTraceable reports whether -all traces a function: a declared function
// or method with a context source that the instrumentation reaches without
// calling a method the function does not call (SPEC §5), unless it only
// derives and returns a context.
func (w *fileWork) autoTraceable(fi *funcInfo) bool {
	if _, ok := fi.node.(*ast.FuncDecl); !ok || w.isContextAccessor(fi) || isNosplit(fi) {
		return false
	}
	if w.contextSource(fi).kind == srcRoot {
		if m := w.methodOnlySource(fi); m != "" {
			w.notef("%s: not traced by -all: its context is reached only through %s, a method the instrumentation never calls under -all (mark it with //zipkin:trace to trace it)", fi.label(), m)
		}
		return false
	}
	if w.derivesContext(fi) {
		w.notef("%s: not traced by -all: it returns a context or request derived for its caller (mark it with //zipkin:trace to trace it)", fi.label())
		return false
	}
	return true
}

// methodOnlySource names the method call a function marked by hand would
// start from ("stream.Context()"), or "" if it has no such source.
func (w *fileWork) methodOnlySource(fi *funcInfo) string {
	hand := *fi
	hand.auto = false
	src := w.contextSource(&hand)
	if !src.kind.viaMethod() {
		return ""
	}
	recv, ftype, _ := fi.signature()
	fl := ftype.Params
	if src.recv {
		fl = recv
	}
	name := fl.List[src.field].Names[src.name].Name
	if src.kind == srcAccessor {
		return name + ".Request()"
	}
	return name + ".Context()"
}

// derivesContext reports whether a result of fi is a context.Context or an
// *http.Request: such a function derives a context for its caller
// (context.WithTimeout's wrappers, metadata.FromIncomingContext's), and
// under -all would add a span per call that parents nothing.
func (w *fileWork) derivesContext(fi *funcInfo) bool {
	_, ftype, _ := fi.signature()
	if ftype.Results == nil {
		return false
	}
	for _, f := range ftype.Results.List {
		if t := w.pkg.TypesInfo.TypeOf(f.Type); isContext(t) || isHTTPRequest(t) {
			return true
		}
	}
	return false
}

// spanNames names every traced function like the gc compiler names it
// (pkg.Func, pkg.Type.Method, pkg.Func.func1, pkg.Func.func1.1), with
// type parameters and pointer receivers dropped; name= overrides.
func (w *fileWork) spanNames() {
	counters := map[*funcInfo]int{}
	pkgLits := w.pkgLitsBefore
	for _, fi := range w.order {
		switch n := fi.node.(type) {
		case *ast.FuncDecl:
			fi.name = w.pkg.Name + "." + declName(n)
		case *ast.FuncLit:
			if fi.outer == nil {
				pkgLits++
				fi.name = fmt.Sprintf("%s.init.func%d", w.pkg.Name, pkgLits)
				break
			}
			counters[fi.outer]++
			if _, ok := fi.outer.node.(*ast.FuncDecl); ok {
				fi.name = fmt.Sprintf("%s.func%d", fi.outer.name, counters[fi.outer])
			} else {
				fi.name = fmt.Sprintf("%s.%d", fi.outer.name, counters[fi.outer])
			}
		}
	}
	for _, fi := range w.order {
		for _, d := range fi.doc {
			if d.Kind == annotations.Trace && d.Name != "" {
				fi.name = d.Name
			}
		}
	}
}

// declName is Func or Type.Method.
func declName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	return recvTypeName(d.Recv.List[0].Type) + "." + d.Name.Name
}

func recvTypeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return strings.TrimSpace(fmt.Sprint(t))
		}
	}
}

// countPkgLits counts the function literals outside any function
// declaration (package-level initializers): gc numbers them
// pkg.init.funcN across the package's files in order.
func countPkgLits(f *ast.File) int {
	n := 0
	for _, d := range f.Decls {
		if _, ok := d.(*ast.FuncDecl); ok {
			continue
		}
		ast.Inspect(d, func(n2 ast.Node) bool {
			if _, ok := n2.(*ast.FuncLit); ok {
				n++
				return false
			}
			return true
		})
	}
	return n
}

// isNosplit reports whether a declared function carries //go:nosplit: a
// deferred End and a span do not fit the stack such a function may use.
func isNosplit(fi *funcInfo) bool {
	d, ok := fi.node.(*ast.FuncDecl)
	if !ok || d.Doc == nil {
		return false
	}
	for _, c := range d.Doc.List {
		if strings.TrimSpace(c.Text) == "//go:nosplit" {
			return true
		}
	}
	return false
}
