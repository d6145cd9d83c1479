package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// typeCheck type-checks p as rewritten, with the importer of the load (so
// the runtime's real API), and turns every error into a diagnostic at the
// traced function it falls in. The original files are the loaded syntax;
// changed ones are parsed from their new bytes.
func (e *engine) typeCheck(p *packages.Package, changed []*fileWork) []Diagnostic {
	byPath := map[string]*fileWork{}
	for _, w := range changed {
		byPath[w.path] = w
	}
	fset := token.NewFileSet()
	var files []*ast.File
	origin := map[*token.File]*fileWork{}
	for _, f := range p.Syntax {
		name := p.Fset.File(f.Pos()).Name()
		src, err := e.checkSource(name, byPath[name])
		if err != nil {
			return []Diagnostic{{Pos: token.Position{Filename: name}, Message: err.Error()}}
		}
		nf, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return []Diagnostic{{Pos: p.Fset.Position(f.Package), Message: "rewritten file does not parse: " + err.Error()}}
		}
		files = append(files, nf)
		origin[fset.File(nf.Pos())] = byPath[name]
	}
	var diags []Diagnostic
	conf := types.Config{
		Importer:    e.importer(p),
		Sizes:       p.TypesSizes,
		FakeImportC: e.fakeC[p],
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok || te.Soft && len(diags) > 0 {
				return
			}
			diags = append(diags, e.blame(p, te, origin, files, fset))
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	_, _ = conf.Check(p.PkgPath, fset, files, nil)
	return diags
}

// checkSource returns a file's bytes as rewritten, or as on disk.
func (e *engine) checkSource(name string, w *fileWork) ([]byte, error) {
	if w != nil {
		return w.out, nil
	}
	return readFile(name)
}

// importer resolves imports from the load: the package's own imports and
// the runtime, all from one type universe.
func (e *engine) importer(p *packages.Package) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if ip, ok := p.Imports[path]; ok && ip.Types != nil {
			return ip.Types, nil
		}
		if path == RuntimePath && e.rt != nil && e.rt.Types != nil && e.rtErr == "" {
			return e.rt.Types, nil
		}
		if path == RuntimePath {
			return nil, fmt.Errorf("cannot load %s (is github.com/zipkingen/zipkingen in go.mod?) %s", RuntimePath, e.rtErr)
		}
		return nil, fmt.Errorf("package %s is not imported by %s", path, p.PkgPath)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// blame places a type error of the rewritten code at the function of the
// original source that it falls in. Generated code adds no functions, so
// the k-th function of the output (in source order) is the k-th of the
// input.
func (e *engine) blame(p *packages.Package, te types.Error, origin map[*token.File]*fileWork, files []*ast.File, fset *token.FileSet) Diagnostic {
	tf := fset.File(te.Pos)
	w := origin[tf]
	if w == nil {
		return Diagnostic{Pos: fset.Position(te.Pos), Message: te.Msg}
	}
	msg := "generated code does not type-check: " + te.Msg
	k := -1
	for _, f := range files {
		if fset.File(f.Pos()) != tf {
			continue
		}
		i := 0
		ast.Inspect(f, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				if n.Pos() <= te.Pos && te.Pos < n.End() {
					k = i
				}
				i++
			}
			return true
		})
	}
	if k < 0 || k >= len(w.order) {
		return e.diagAt(p.Fset, w.file.Package, msg)
	}
	fi := w.order[k]
	for t := fi; t != nil; t = t.outer {
		if t.traced {
			return e.diagAt(p.Fset, t.node.Pos(), msg)
		}
	}
	// Not in generated code: the user's own error, placed at its function.
	return e.diagAt(p.Fset, fi.node.Pos(), te.Msg)
}

// runtimeHas reports whether the loaded runtime declares name, so that the
// engine can use an API the moment the runtime provides it.
func (e *engine) runtimeHas(name string) bool {
	return e.rt != nil && e.rt.Types != nil && e.rt.Types.Scope().Lookup(name) != nil
}
