package rewrite

import (
	"context"
	"fmt"
	"go/token"
	"sort"
)

// RuntimePath is the import path of the runtime package that generated code
// calls; its package name is zipkin.
const RuntimePath = "github.com/zipkingen/zipkingen/runtime/zipkin"

// Options says what to load and how to rewrite it. The zero value rewrites
// the package in the current directory, directives only, tests left alone.
type Options struct {
	Dir      string   // working directory for loading; "" = current
	Env      []string // environment for go/packages; nil = os.Environ()
	Patterns []string // go list patterns; empty = "."
	Tags     []string // build tags (-tags)
	All      bool     // -all: trace every func decl and method with a context source
	Strip    bool     // -strip: remove all generated instrumentation
	Tests    bool     // also rewrite _test.go files (default: left alone)
}

// Result is what a Run would change. Nothing is written until Commit.
type Result struct {
	Files       []FileChange // only files whose bytes change, sorted by path
	Diagnostics []Diagnostic // sorted by position, de-duplicated; non-empty means nothing may be written
	Notes       []string     // -v lines: per file and function what was done; files skipped by build constraints
	Cleaned     []string     // set by Commit: temporary files of an interrupted earlier run that it removed

	dir    string                      // Options.Dir made absolute, for Diff's relative paths
	dirs   []string                    // directories of the main module's packages loaded, where Commit looks for stale temporary files
	rename func(from, to string) error // os.Rename; tests make it fail
}

// FileChange is one file's content before and after the rewrite. Path is
// absolute.
type FileChange struct {
	Path     string
	Old, New []byte

	pkg     string // import path of the file's package
	foreign string // where the file is when it is not the user's to write in place (module cache, GOROOT, vendor/); "" = main module
}

// Diagnostic is a positioned error. Pos.Filename is absolute; the CLI
// relativizes it.
type Diagnostic struct {
	Pos     token.Position
	Message string
}

// String formats d like go vet: file:line:col: message.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s", d.Pos, d.Message)
}

// Run loads the packages of o.Patterns and computes their rewrite. The error
// is only for failures that are not positioned diagnostics, such as a go
// list that cannot run at all.
func Run(ctx context.Context, o Options) (*Result, error) {
	e, err := newEngine(ctx, o)
	if err != nil {
		return nil, err
	}
	if err := e.load(); err != nil {
		return nil, err
	}
	e.symlinkNotes()
	for _, p := range e.pkgs {
		e.rewritePackage(p)
	}
	return e.result(), nil
}

// sortDiagnostics orders diagnostics by file, line, column and message and
// drops exact duplicates.
func sortDiagnostics(ds []Diagnostic) []Diagnostic {
	sort.Slice(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return ds[i].Message < ds[j].Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d.Pos.Filename == ds[i-1].Pos.Filename && d.Pos.Line == ds[i-1].Pos.Line &&
			d.Pos.Column == ds[i-1].Pos.Column && d.Message == ds[i-1].Message {
			continue
		}
		out = append(out, d)
	}
	return out
}
