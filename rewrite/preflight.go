package rewrite

import (
	"errors"
	"fmt"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// preexisting reports the errors the package has before any rewrite, in
// the compiler's own words and at its positions, and reports whether there
// were any: then nothing of the package is rewritten. Go's parser repairs
// some broken input (a missing final brace), so rewriting a file that does
// not parse would print a "repaired" file that no longer matches what the
// user wrote. A parse error hides the type errors that follow from it, as
// with the go command. A type error on a generated line is left to the
// rewrite, which replaces that line (a directive or a parameter was edited
// since the last run); the output is type-checked before anything is
// written, so an error that survives the rewrite is still reported.
func (e *engine) preexisting(p *packages.Package) bool {
	var parse, typed []Diagnostic
	generated := generatedLines(p)
	for _, err := range p.Errors {
		d := Diagnostic{Pos: parsePosition(err.Pos), Message: err.Msg}
		switch err.Kind {
		case packages.ParseError:
			parse = append(parse, d)
		case packages.TypeError:
			if !generated[lineKey{d.Pos.Filename, d.Pos.Line}] {
				typed = append(typed, d)
			}
		}
	}
	if len(parse) > 0 {
		e.diags = append(e.diags, vetParseErrors(parse)...)
		return true
	}
	e.diags = append(e.diags, typed...)
	return len(typed) > 0
}

type lineKey struct {
	file string
	line int
}

// generatedLines returns the lines of p's files that carry a generated
// marker: every line the generator writes ends with one.
func generatedLines(p *packages.Package) map[lineKey]bool {
	lines := map[lineKey]bool{}
	for _, f := range p.Syntax {
		for _, g := range f.Comments {
			for _, c := range g.List {
				if isMarkerText(c.Text) {
					pos := p.Fset.Position(c.Slash)
					lines[lineKey{pos.Filename, pos.Line}] = true
				}
			}
		}
	}
	return lines
}

// vetParseErrors re-parses the files of go/packages' parse errors as go
// vet does: go/packages asks the parser for all errors, which adds
// spurious ones on the line of the first ("expected ';'" before "expected
// '}'" at a missing final brace); the default mode keeps what go vet
// prints.
func vetParseErrors(parse []Diagnostic) []Diagnostic {
	var out []Diagnostic
	seen := map[string]bool{}
	for _, d := range parse {
		name := d.Pos.Filename
		if seen[name] {
			continue
		}
		seen[name] = true
		_, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments)
		var list scanner.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			out = append(out, d) // not readable again: what go/packages said
			continue
		}
		for _, le := range list {
			out = append(out, Diagnostic{Pos: le.Pos, Message: le.Msg})
		}
	}
	return out
}

// foreign says where path is when it is not a file of the main module (or
// of a workspace module), which are the only ones rewritten in place: a
// dependency in the module cache, the standard library in GOROOT, a
// vendored copy. It returns "" for the user's own files.
func foreign(p *packages.Package, path string) string {
	m := p.Module
	switch {
	case m == nil:
		if goroot := build.Default.GOROOT; goroot != "" && within(goroot, path) {
			return "in GOROOT"
		}
		return "not in a module"
	case !m.Main:
		if hasVendorElem(m.Dir, path) || m.Dir == "" {
			return "vendored"
		}
		return "in module " + m.Path + ", not the main module"
	case m.Dir != "" && !within(m.Dir, path):
		return "outside the main module's directory"
	case hasVendorElem(m.Dir, path):
		return "vendored"
	}
	return ""
}

// within reports whether path is dir or under it.
func within(dir, path string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && filepath.IsLocal(r)
}

// hasVendorElem reports whether path, relative to dir, goes through a
// vendor directory.
func hasVendorElem(dir, path string) bool {
	r, err := filepath.Rel(dir, path)
	if err != nil || !filepath.IsLocal(r) {
		r = path
	}
	for _, el := range strings.Split(filepath.ToSlash(r), "/") {
		if el == "vendor" {
			return true
		}
	}
	return false
}

// refuseForeign is Commit's check that every file is the user's.
func (r *Result) refuseForeign() error {
	var errs []error
	seen := map[string]bool{}
	for _, f := range r.Files {
		if f.foreign == "" || seen[f.pkg] {
			continue
		}
		seen[f.pkg] = true
		errs = append(errs, fmt.Errorf("package %s is %s: zipkingen rewrites only the main module's files in place (use -overlay FILE for an instrumented build of a dependency)", f.pkg, f.foreign))
	}
	return errors.Join(errs...)
}

// diagAt is the diagnostic msg at p. Inside a region under a //line
// directive the position is the one the directive names (a template's),
// as the compiler gives it; the message then also says where the line is
// in the Go file itself, which is the file to edit for a directive.
func (e *engine) diagAt(fset *token.FileSet, p token.Pos, msg string) Diagnostic {
	pos := fset.Position(p)
	if real := fset.PositionFor(p, false); real.IsValid() && (real.Filename != pos.Filename || real.Line != pos.Line) {
		msg += fmt.Sprintf(" (in the Go file at %s:%d:%d)", e.relPath(real.Filename), real.Line, real.Column)
	}
	return Diagnostic{Pos: pos, Message: msg}
}
