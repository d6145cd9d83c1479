package rewrite

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// engine holds the state of one Run: the loaded packages and what was found.
type engine struct {
	ctx       context.Context
	opts      Options
	dir       string
	pkgs      []*packages.Package
	rt        *packages.Package // the runtime package, for type-checking the output; nil if it cannot load
	rtErr     string
	fakeC     map[*packages.Package]bool // source views of cgo packages: type-check with FakeImportC
	onlyFiles map[string]bool            // with .go file arguments: the only files rewritten

	files []FileChange
	diags []Diagnostic
	notes []string
}

func newEngine(ctx context.Context, o Options) (*engine, error) {
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &engine{ctx: ctx, opts: o, dir: abs, fakeC: map[*packages.Package]bool{}}, nil
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// load runs go/packages once for the requested patterns plus the runtime
// package: loading them together gives one consistent type universe, so
// the output can be type-checked against the runtime's real API.
func (e *engine) load() error {
	cfg := &packages.Config{
		Context: e.ctx,
		Mode:    loadMode,
		Dir:     e.dir,
		Env:     e.opts.Env,
		Tests:   e.opts.Tests,
	}
	if len(e.opts.Tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(e.opts.Tags, ",")}
	}
	patterns := e.filePatterns(e.opts.Patterns)
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	patterns = append(append([]string(nil), patterns...), RuntimePath)
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return fmt.Errorf("loading packages: %w", err)
	}
	e.pkgs = e.selectPackages(pkgs)
	if len(e.pkgs) == 0 {
		var errs []error
		for _, p := range pkgs {
			for _, err := range p.Errors {
				errs = append(errs, errors.New(err.Msg))
			}
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		return e.whyNothing(patterns)
	}
	return nil
}

// filePatterns turns .go file arguments into file= queries, which go list
// accepts next to package patterns (plain file arguments it does not), and
// limits the rewrite to those files; their package is loaded whole.
func (e *engine) filePatterns(patterns []string) []string {
	out := make([]string, 0, len(patterns))
	for _, p := range patterns {
		if !strings.HasSuffix(p, ".go") {
			out = append(out, p)
			continue
		}
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(e.dir, p)
		}
		if e.onlyFiles == nil {
			e.onlyFiles = map[string]bool{}
		}
		e.onlyFiles[filepath.Clean(abs)] = true
		out = append(out, "file="+abs)
	}
	return out
}

// selectPackages keeps the packages whose files will be rewritten and
// remembers the runtime. With Tests, go/packages returns a package twice
// (with and without its _test.go files) plus the external test package;
// only the variant that holds the most files is kept.
func (e *engine) selectPackages(pkgs []*packages.Package) []*packages.Package {
	var out []*packages.Package
	byPath := map[string]int{}
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") {
			continue
		}
		if p.PkgPath == RuntimePath {
			if p.ID == p.PkgPath {
				e.rt = p
			}
			if len(p.Errors) > 0 && p.ID == p.PkgPath {
				e.rtErr = p.Errors[0].Msg
			}
			// The runtime cannot trace itself (an import cycle), so it is
			// never rewritten, even when the patterns name it.
			continue
		}
		key := p.PkgPath + "\x00" + p.Name
		if i, ok := byPath[key]; ok {
			if len(p.CompiledGoFiles) > len(out[i].CompiledGoFiles) {
				out[i] = p
			}
			continue
		}
		byPath[key] = len(out)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// loadErrors turns a package's load and type errors into diagnostics.
// When the package has type errors, the compiler's report of the same
// errors that go list relays ("# pkg" and its lines) is dropped.
func (e *engine) loadErrors(p *packages.Package) {
	typeErrors := false
	for _, err := range p.Errors {
		typeErrors = typeErrors || err.Kind == packages.TypeError
	}
	for _, err := range p.Errors {
		if typeErrors && err.Kind == packages.ListError && strings.HasPrefix(err.Msg, "# ") {
			continue
		}
		e.diags = append(e.diags, Diagnostic{Pos: parsePosition(err.Pos), Message: err.Msg})
	}
}

// parsePosition parses go list's "file:line:col" (line and column optional).
func parsePosition(s string) token.Position {
	var pos token.Position
	parts := strings.Split(s, ":")
	// A Windows drive letter or a colon in the name stays in the file name.
	nums := 0
	for i := len(parts) - 1; i > 0 && nums < 2; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			break
		}
		nums++
	}
	pos.Filename = strings.Join(parts[:len(parts)-nums], ":")
	if nums >= 1 {
		pos.Line, _ = strconv.Atoi(parts[len(parts)-nums])
	}
	if nums == 2 {
		pos.Column, _ = strconv.Atoi(parts[len(parts)-1])
	}
	if pos.Filename == "-" {
		pos.Filename = ""
	}
	return pos
}

// result assembles the Result: sorted files, sorted unique diagnostics.
func (e *engine) result() *Result {
	sort.Slice(e.files, func(i, j int) bool { return e.files[i].Path < e.files[j].Path })
	r := &Result{Files: e.files, Diagnostics: sortDiagnostics(e.diags), Notes: e.notes, dir: e.dir, dirs: e.packageDirs()}
	return r
}

// readFile reads a source file as it is on disk now.
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// whyNothing explains an empty load: go/packages returns no package and no
// error when go list itself fails (no go.mod, go.mod needs updates, …), so
// go list runs once more to say why.
func (e *engine) whyNothing(patterns []string) error {
	args := []string{"list"}
	if len(e.opts.Tags) > 0 {
		args = append(args, "-tags="+strings.Join(e.opts.Tags, ","))
	}
	cmd := exec.CommandContext(e.ctx, "go", append(args, patterns...)...)
	cmd.Dir, cmd.Env = e.dir, e.opts.Env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return errors.New(msg)
		}
		return err
	}
	return errors.New("no packages to rewrite")
}
