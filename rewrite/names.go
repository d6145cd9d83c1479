package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"strconv"

	"github.com/dave/dst"

	"github.com/zipkingen/zipkingen/annotations"
)

// namer picks identifiers that appear nowhere in a function, so they can
// neither collide with nor shadow anything the user wrote.
type namer struct{ used map[string]bool }

// pick returns base if it is free, else alt, else alt with a numeric
// suffix, and reserves the name.
func (n *namer) pick(base, alt string) string {
	name := base
	if n.used[name] {
		name = alt
		for i := 1; n.used[name]; i++ {
			name = alt + strconv.Itoa(i)
		}
	}
	n.used[name] = true
	return name
}

// identNames returns every identifier spelled in a dst subtree, except
// the names after a dot (x.err is a field or method: it can neither
// collide with nor be shadowed by a local err).
func identNames(n dst.Node) map[string]bool {
	used := map[string]bool{}
	dst.Inspect(n, func(n dst.Node) bool {
		switch n := n.(type) {
		case *dst.SelectorExpr:
			dst.Inspect(n.X, func(x dst.Node) bool {
				if id, ok := x.(*dst.Ident); ok {
					used[id.Name] = true
				}
				return true
			})
			return false
		case *dst.Ident:
			used[n.Name] = true
		}
		return true
	})
	return used
}

// addExprNames adds the identifiers of a directive's value expression: the
// generated code must not shadow what the expression refers to.
func addExprNames(used map[string]bool, d directive) {
	text := d.Value.Text
	if d.Kind == annotations.Trace {
		text = d.Ctx.Text
	}
	if text == "" {
		return
	}
	e, err := parser.ParseExpr(text)
	if err != nil {
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
}

// importSpecs returns the import declarations and specs of the dst file.
func importSpecs(f *dst.File) []*dst.GenDecl {
	var out []*dst.GenDecl
	for _, d := range f.Decls {
		if g, ok := d.(*dst.GenDecl); ok && g.Tok.String() == "import" {
			out = append(out, g)
		}
	}
	return out
}

func specPath(s dst.Spec) string {
	p, _ := strconv.Unquote(s.(*dst.ImportSpec).Path.Value)
	return p
}

// runtimeImportName returns the name under which the file imports the
// runtime, or "" when it does not (blank and dot imports do not count).
func (w *fileWork) runtimeImportName() string {
	for _, g := range importSpecs(w.dfile) {
		for _, s := range g.Specs {
			is := s.(*dst.ImportSpec)
			if specPath(is) != RuntimePath {
				continue
			}
			if is.Name == nil {
				return "zipkin"
			}
			if is.Name.Name != "_" && is.Name.Name != "." {
				return is.Name.Name
			}
		}
	}
	return ""
}

// ensureImportName returns the name the generated code uses for the
// runtime: the file's own import of it if there is one, else the first of
// zipkin, zipkingen, zipkin1, … that is free in the package scope, among
// the file's imports and in every traced function.
func (w *fileWork) ensureImportName(traced []*funcInfo) string {
	if name := w.runtimeImportName(); name != "" {
		return name
	}
	taken := map[string]bool{}
	for _, g := range importSpecs(w.dfile) {
		for _, s := range g.Specs {
			taken[w.importedName(s.(*dst.ImportSpec))] = true
		}
	}
	for _, fi := range traced {
		// A literal sees the names of the functions around it: a local
		// there would shadow the import inside the literal.
		outermost := fi
		for outermost.outer != nil {
			outermost = outermost.outer
		}
		for n := range funcNames(w.dec.Dst.Nodes[outermost.node], fi) {
			taken[n] = true
		}
	}
	for i := 0; ; i++ {
		name := "zipkin"
		switch {
		case i == 1:
			name = "zipkingen"
		case i > 1:
			name = fmt.Sprintf("zipkin%d", i-1)
		}
		if !taken[name] && w.pkg.Types.Scope().Lookup(name) == nil {
			return name
		}
	}
}

// importedName is the name an import spec declares in the file scope.
func (w *fileWork) importedName(is *dst.ImportSpec) string {
	if is.Name != nil {
		return is.Name.Name
	}
	path := specPath(is)
	if p, ok := w.pkg.Imports[path]; ok && p.Name != "" {
		return p.Name
	}
	return path
}
