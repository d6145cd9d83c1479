package rewrite

import (
	"bytes"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Files outside the loaded configuration. go/packages loads the files of
// one build configuration (tags, GOOS, GOARCH) and, without Tests, no
// _test.go file; an earlier run with other flags may have written any of
// them. -strip and -check must see them all, whatever flags they are
// given (SPEC §5): -strip removes their instrumentation from the syntax
// alone, -check loads each in a configuration that selects it.

// elsewhere returns the .go files in the directories of the loaded
// packages that this run did not load and that hold generated output,
// sorted. With .go file arguments, only those files are considered.
func (e *engine) elsewhere() []string {
	loaded := map[string]bool{}
	dirs := map[string]bool{}
	for _, p := range e.pkgs {
		for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles} {
			for _, f := range list {
				loaded[f] = true
			}
		}
		for _, f := range p.Syntax {
			if tf := p.Fset.File(f.Pos()); tf != nil {
				loaded[tf.Name()] = true
			}
		}
		for _, list := range [][]string{p.GoFiles, p.IgnoredFiles} {
			for _, f := range list {
				dirs[filepath.Dir(f)] = true
			}
		}
	}
	for _, d := range e.patternDirs() {
		dirs[d] = true
	}
	var out []string
	for dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, ent := range entries {
			path := filepath.Join(dir, ent.Name())
			if !strings.HasSuffix(ent.Name(), ".go") || ent.IsDir() || loaded[path] ||
				strings.HasPrefix(ent.Name(), "_") || strings.HasPrefix(ent.Name(), ".") ||
				(e.onlyFiles != nil && !e.onlyFiles[path]) {
				continue
			}
			if src, err := readFile(path); err == nil && bytes.Contains(src, []byte(markerText)) {
				out = append(out, path)
			}
		}
	}
	sort.Strings(out)
	return out
}

const markerText = "//zipkin:generated"

// patternDirs returns the directories that relative patterns such as
// ./... and ./store name, whether or not a package of this configuration
// is there: go list leaves out a directory whose files are all excluded
// (say, only _windows.go files). Walks skip what go list skips: testdata,
// vendor, names starting with . or _, and nested modules.
func (e *engine) patternDirs() []string {
	var out []string
	patterns := e.opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	for _, p := range patterns {
		if strings.HasSuffix(p, ".go") || !(p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || filepath.IsAbs(p)) {
			continue
		}
		root, walk := p, false
		if rest, ok := strings.CutSuffix(p, "/..."); ok {
			root, walk = rest, true
		}
		if !filepath.IsAbs(root) {
			root = filepath.Join(e.dir, root)
		}
		if !walk {
			out = append(out, filepath.Clean(root))
			continue
		}
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			name := d.Name()
			if path != root {
				if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			out = append(out, path)
			return nil
		})
	}
	return out
}

// stripElsewhere strips the files of other configurations from their
// syntax alone: stripping needs no type information.
func (e *engine) stripElsewhere(paths []string) {
	for _, path := range paths {
		src, err := readFile(path)
		if err != nil {
			e.diags = append(e.diags, Diagnostic{Pos: token.Position{Filename: path}, Message: err.Error()})
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			e.diags = append(e.diags, Diagnostic{Pos: token.Position{Filename: path}, Message: "cannot strip: " + err.Error()})
			continue
		}
		w := &fileWork{
			e: e, pkg: &packages.Package{Fset: fset, Name: f.Name.Name}, file: f, path: path, src: src,
			tf:             fset.File(f.Pos()),
			zipkinComments: true,
			markers:        map[int]directive{},
			consumed:       map[*ast.Comment]bool{},
			generated:      map[ast.Stmt]bool{},
			funcs:          map[ast.Node]*funcInfo{},
		}
		w.notef("outside this build configuration: stripped from its syntax")
		if w.stripOnly() {
			p := e.pkgFor(path)
			e.files = append(e.files, FileChange{Path: path, Old: src, New: w.out, pkg: p.PkgPath, foreign: foreign(p, path)})
		}
		e.diags = append(e.diags, w.diags...)
		e.notes = append(e.notes, w.notes...)
	}
}

// pkgFor returns the loaded package of path's directory, else one of the
// main module (for a directory go list left out), to say whether the file
// is the user's to write.
func (e *engine) pkgFor(path string) *packages.Package {
	dir := filepath.Dir(path)
	var main *packages.Package
	for _, p := range e.pkgs {
		for _, list := range [][]string{p.GoFiles, p.IgnoredFiles} {
			for _, f := range list {
				if filepath.Dir(f) == dir {
					return p
				}
			}
		}
		if main == nil && p.Module != nil && p.Module.Main {
			main = p
		}
	}
	if main == nil {
		main = e.pkgs[0]
	}
	return main
}

// stripOnly removes the generated output of a file without types.
func (w *fileWork) stripOnly() bool {
	w.scan()
	w.attach()
	if !w.lineEndingsOK() || !w.encodingOK() {
		return false
	}
	if err := w.decorate(); err != nil {
		w.errorf(w.file.Package, "%v", err)
		return false
	}
	w.strip()
	w.removeUnusedImport()
	out, err := w.print()
	if err != nil {
		w.errorf(w.file.Package, "printing the stripped file: %v", err)
		return false
	}
	w.out = out
	return !bytes.Equal(out, w.src)
}

// config is a build configuration that selects a file.
type config struct {
	goos, goarch string
	tags         []string
	tests        bool
}

func (c config) key() string {
	return c.goos + "/" + c.goarch + "/" + strings.Join(c.tags, ",") + "/" + boolWord(c.tests)
}

func boolWord(b bool) string {
	if b {
		return "tests"
	}
	return ""
}

// checkElsewhere runs the engine once more per configuration that selects
// some of the files, limited to those files, and merges what it finds:
// -check then lists them when stale, like any other file. A file no
// configuration can be found for is a diagnostic: -check cannot vouch
// for it.
func (e *engine) checkElsewhere(paths []string) {
	groups := map[string][]string{}
	configs := map[string]config{}
	for _, path := range paths {
		c, ok := e.selectingConfig(path)
		if !ok {
			e.diags = append(e.diags, Diagnostic{Pos: token.Position{Filename: path},
				Message: "holds zipkingen output, but no build configuration zipkingen can choose selects it: -check cannot verify it"})
			continue
		}
		groups[c.key()] = append(groups[c.key()], path)
		configs[c.key()] = c
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e.runIn(configs[k], groups[k])
	}
}

// runIn checks files in configuration c with a nested engine.
func (e *engine) runIn(c config, files []string) {
	o := e.opts
	o.Dir, o.Patterns, o.Check = e.dir, files, false
	o.Tags = append(slices.Clone(e.opts.Tags), c.tags...)
	o.Tests = o.Tests || c.tests
	env := o.Env
	if env == nil {
		env = os.Environ()
	}
	env = slices.Clone(env)
	if c.goos != "" {
		env = append(env, "GOOS="+c.goos)
	}
	if c.goarch != "" {
		env = append(env, "GOARCH="+c.goarch)
	}
	o.Env = env
	sub, err := newEngine(e.ctx, o)
	if err == nil {
		err = sub.load()
	}
	if err != nil {
		e.diags = append(e.diags, Diagnostic{Pos: token.Position{Filename: files[0]}, Message: "checking it in its build configuration (" + c.describe() + "): " + err.Error()})
		return
	}
	for _, p := range sub.pkgs {
		sub.rewritePackage(p)
	}
	for _, f := range files {
		if !sub.loadedFile(f) {
			sub.diags = append(sub.diags, Diagnostic{Pos: token.Position{Filename: f},
				Message: "holds zipkingen output, but is not built with " + c.describe() + " either: -check cannot verify it"})
		}
	}
	e.files = append(e.files, sub.files...)
	e.diags = append(e.diags, sub.diags...)
	for _, f := range files {
		e.notes = append(e.notes, e.relPath(f)+": outside this build configuration: checked with "+c.describe())
	}
}

// loadedFile reports whether a loaded package has path among its files.
func (e *engine) loadedFile(path string) bool {
	for _, p := range e.pkgs {
		if slices.Contains(p.GoFiles, path) || slices.Contains(p.CompiledGoFiles, path) {
			return true
		}
	}
	return false
}

func (c config) describe() string {
	var parts []string
	if c.goos != "" {
		parts = append(parts, "GOOS="+c.goos)
	}
	if c.goarch != "" {
		parts = append(parts, "GOARCH="+c.goarch)
	}
	if len(c.tags) > 0 {
		parts = append(parts, "-tags="+strings.Join(c.tags, ","))
	}
	if c.tests {
		parts = append(parts, "-tests")
	}
	if len(parts) == 0 {
		return "the current one"
	}
	return strings.Join(parts, " ")
}

// selectingConfig finds a configuration under which the go command
// builds path: its file name's _GOOS_GOARCH suffix, and an assignment of
// the identifiers of its //go:build line (tried in order, few enough to
// try them all) that satisfies it, GOOS and GOARCH names becoming the
// environment and the others build tags.
func (e *engine) selectingConfig(path string) (config, bool) {
	var c config
	name := strings.TrimSuffix(filepath.Base(path), ".go")
	if strings.HasSuffix(name, "_test") {
		c.tests = true
		name = strings.TrimSuffix(name, "_test")
	}
	parts := strings.Split(name, "_")
	if n := len(parts); n >= 2 && knownArch[parts[n-1]] && knownOS[parts[n-2]] {
		c.goos, c.goarch = parts[n-2], parts[n-1]
	} else if n >= 2 && knownOS[parts[n-1]] {
		c.goos = parts[n-1]
	} else if n >= 2 && knownArch[parts[n-1]] {
		c.goarch = parts[n-1]
	}
	expr := buildExpr(path)
	if expr == nil {
		return c, true
	}
	var idents []string
	collectTags(expr, &idents)
	if len(idents) > 10 {
		return c, false
	}
	for mask := 0; mask < 1<<len(idents); mask++ {
		try := c
		try.tags = nil
		on := map[string]bool{}
		ok := true
		for i, id := range idents {
			if mask&(1<<i) == 0 {
				continue
			}
			on[id] = true
			switch {
			case id == "unix":
				// Not a tag: true of the unix GOOS values.
			case knownOS[id]:
				ok = ok && (try.goos == "" || try.goos == id)
				try.goos = id
			case knownArch[id]:
				ok = ok && (try.goarch == "" || try.goarch == id)
				try.goarch = id
			default:
				try.tags = append(try.tags, id)
			}
		}
		if !ok {
			continue
		}
		goos, goarch := try.goos, try.goarch
		if goos == "" {
			goos = runtime.GOOS
		}
		if goarch == "" {
			goarch = runtime.GOARCH
		}
		eval := func(tag string) bool {
			if tag == "unix" {
				return unixOS[goos]
			}
			return on[tag] || tag == goos || tag == goarch
		}
		if expr.Eval(eval) {
			return try, true
		}
	}
	return c, false
}

// buildExpr returns the //go:build constraint of a file, or nil.
func buildExpr(path string) constraint.Expr {
	src, err := readFile(path)
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			return nil
		}
		if constraint.IsGoBuild(line) {
			if x, err := constraint.Parse(line); err == nil {
				return x
			}
		}
	}
	return nil
}

func collectTags(x constraint.Expr, out *[]string) {
	switch x := x.(type) {
	case *constraint.TagExpr:
		if !slices.Contains(*out, x.Tag) {
			*out = append(*out, x.Tag)
		}
	case *constraint.NotExpr:
		collectTags(x.X, out)
	case *constraint.AndExpr:
		collectTags(x.X, out)
		collectTags(x.Y, out)
	case *constraint.OrExpr:
		collectTags(x.X, out)
		collectTags(x.Y, out)
	}
}

var knownOS = wordSet("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos")

var knownArch = wordSet("386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm")

var unixOS = wordSet("aix android darwin dragonfly freebsd hurd illumos ios linux netbsd openbsd solaris")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
