package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// usesCgo reports whether go/packages type-checked cgo-processed copies
// of p's files (in the build cache) instead of the files themselves.
func usesCgo(p *packages.Package) bool {
	own := map[string]bool{}
	for _, f := range p.GoFiles {
		own[f] = true
	}
	for _, f := range p.CompiledGoFiles {
		if !own[f] {
			return true
		}
	}
	return false
}

// sourceView returns p with syntax and types from its own files, so that
// the files a user wrote (import "C" and all) are what gets rewritten. The
// cgo-processed copies cannot be printed back; checking the originals with
// FakeImportC gives every type except those of C's names, which no
// context source or tag of a traced Go function needs.
func (e *engine) sourceView(p *packages.Package) *packages.Package {
	if !usesCgo(p) {
		return p
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			e.diags = append(e.diags, Diagnostic{Pos: token.Position{Filename: name}, Message: err.Error()})
			return nil
		}
		files = append(files, f)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{FakeImportC: true, Importer: e.importer(p), Sizes: p.TypesSizes, Error: func(error) {}}
	tp, _ := conf.Check(p.PkgPath, fset, files, info)
	view := *p
	view.Fset, view.Syntax, view.Types, view.TypesInfo = fset, files, tp, info
	view.CompiledGoFiles = p.GoFiles
	e.fakeC[&view] = true
	return &view
}
