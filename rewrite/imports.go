package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/dave/dst"
)

// importMarker ends the runtime import line the engine adds;
// importMarkerBlock says that the import declaration was a single
// unparenthesized one, made a block to hold ours, so that -strip can make
// it single again.
const (
	importMarker      = "//zipkin:generated"
	importMarkerBlock = "//zipkin:generated block"
)

// addImport adds the runtime import under name unless the file already
// has it, as goimports would: into the first import declaration that is
// not import "C" (a single one becomes a block), sorted into the last
// group of non-standard imports or as a new group of its own; a file with
// no such declaration gets one. Each way is undone exactly by removeImport.
func (w *fileWork) addImport(name string) {
	if w.runtimeImportName() != "" {
		return
	}
	spec := &dst.ImportSpec{Path: &dst.BasicLit{Kind: token.STRING, Value: strconv.Quote(RuntimePath)}}
	if name != "zipkin" {
		spec.Name = dst.NewIdent(name)
	}
	spec.Decs.End = dst.Decorations{importMarker}
	decls := importSpecs(w.dfile)
	for _, g := range decls {
		if isCgoImport(g) {
			continue
		}
		if !g.Lparen {
			g.Lparen, g.Rparen = true, true
			first := g.Specs[0].Decorations()
			first.Before, first.After = dst.NewLine, dst.NewLine
			spec.Decs.End = dst.Decorations{importMarkerBlock}
		}
		addToBlock(g, spec)
		return
	}
	gd := &dst.GenDecl{Tok: token.IMPORT, Specs: []dst.Spec{spec}}
	gd.Decs.Before, gd.Decs.After = dst.EmptyLine, dst.EmptyLine
	at := 0
	if len(decls) > 0 {
		at = declIndex(w.dfile, decls[len(decls)-1]) + 1
	}
	w.dfile.Decls = append(w.dfile.Decls[:at], append([]dst.Decl{gd}, w.dfile.Decls[at:]...)...)
}

func isCgoImport(g *dst.GenDecl) bool {
	for _, s := range g.Specs {
		if specPath(s) == "C" {
			return true
		}
	}
	return false
}

func declIndex(f *dst.File, d dst.Decl) int {
	for i, x := range f.Decls {
		if x == d {
			return i
		}
	}
	return len(f.Decls) - 1
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// addToBlock inserts spec in sorted position into the last group of
// non-standard imports of a block, or appends it as a new group.
func addToBlock(g *dst.GenDecl, spec *dst.ImportSpec) {
	start := 0 // first spec of the last group
	for i, s := range g.Specs {
		if i > 0 && s.Decorations().Before == dst.EmptyLine {
			start = i
		}
	}
	nonStd := false
	for _, s := range g.Specs[start:] {
		if !isStd(specPath(s)) {
			nonStd = true
		}
	}
	spec.Decs.Before, spec.Decs.After = dst.NewLine, dst.NewLine
	if !nonStd || len(g.Specs) == 0 {
		spec.Decs.Before = dst.EmptyLine
		g.Specs = append(g.Specs, spec)
		return
	}
	at := len(g.Specs)
	for i := start; i < len(g.Specs); i++ {
		if specPath(g.Specs[i]) > RuntimePath {
			at = i
			break
		}
	}
	if at == start {
		first := g.Specs[start].Decorations()
		spec.Decs.Before, first.Before = first.Before, dst.NewLine
	}
	g.Specs = append(g.Specs[:at], append([]dst.Spec{spec}, g.Specs[at:]...)...)
}

// removeUnusedImport removes the runtime import when nothing in the file
// (after stripping) refers to it any more.
func (w *fileWork) removeUnusedImport() {
	name := w.runtimeImportName()
	if name == "" {
		return
	}
	used := false
	dst.Inspect(w.dfile, func(n dst.Node) bool {
		switch n := n.(type) {
		case *dst.ImportSpec:
			return false
		case *dst.Ident:
			if n.Name == name {
				used = true
			}
		}
		return true
	})
	if !used {
		w.removeImport()
	}
}

// removeImport deletes the runtime import spec, and its declaration when
// that becomes empty, restoring the spacing addToBlock changed.
func (w *fileWork) removeImport() {
	for _, g := range importSpecs(w.dfile) {
		for i, s := range g.Specs {
			if specPath(s) != RuntimePath {
				continue
			}
			if i+1 < len(g.Specs) && s.Decorations().Before == dst.EmptyLine {
				next := g.Specs[i+1].Decorations()
				if next.Before == dst.NewLine {
					next.Before = dst.EmptyLine
				}
			}
			block := hasDecoration(s.Decorations().End, importMarkerBlock)
			g.Specs = append(g.Specs[:i], g.Specs[i+1:]...)
			if block && len(g.Specs) == 1 {
				g.Lparen, g.Rparen = false, false
				first := g.Specs[0].Decorations()
				first.Before, first.After = dst.None, dst.None
			}
			if len(g.Specs) == 0 {
				w.dfile.Decls = append(w.dfile.Decls[:declIndex(w.dfile, g)], w.dfile.Decls[declIndex(w.dfile, g)+1:]...)
			}
			return
		}
	}
}

func hasDecoration(ds dst.Decorations, text string) bool {
	for _, d := range ds {
		if d == text {
			return true
		}
	}
	return false
}

// importLines returns the lines spanned by the file's import
// declarations: markers there belong to the import, not to a statement.
func importLines(f *ast.File, tf *token.File) map[int]bool {
	lines := map[int]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		for l := tf.Line(g.Pos()); l <= tf.Line(g.End()); l++ {
			lines[l] = true
		}
	}
	return lines
}
