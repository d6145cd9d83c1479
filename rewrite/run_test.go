package rewrite

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tempModule writes a module that uses this repository's runtime through a
// replace directive, with the given files.
func tempModule(t *testing.T, files map[string]string) string {
	t.Helper()
	return tempModuleTB(t, files)
}

func tempModuleTB(t testing.TB, files map[string]string) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/m\n\ngo 1.24.0\n\nrequire github.com/zipkingen/zipkingen v0.0.0\n\nreplace github.com/zipkingen/zipkingen => " + root + "\n"
	files["go.mod"] = gomod
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustRun(t *testing.T, o Options) *Result {
	t.Helper()
	r, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const tracedSrc = `package m

import "context"

//zipkin:trace
func F(ctx context.Context) error {
	return nil
}
`

const plainTestSrc = `package m

import (
	"context"
	"testing"
)

//zipkin:trace
func helper(ctx context.Context) {}

func TestF(t *testing.T) { helper(context.Background()); _ = F(context.Background()) }
`

func TestCommitThenRerunThenStrip(t *testing.T) {
	dir := tempModule(t, map[string]string{"m.go": tracedSrc, "untouched.go": "package m\n\n// not   gofmt'd\nvar  x = 1\n"})
	r := mustRun(t, Options{Dir: dir})
	if len(r.Diagnostics) > 0 || len(r.Files) != 1 {
		t.Fatalf("first run: %d files, diagnostics %v", len(r.Files), r.Diagnostics)
	}
	if err := r.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(dir, "m.go")); !strings.Contains(got, `zipkin.Start(ctx, "m.F")`) {
		t.Fatalf("committed file is not instrumented:\n%s", got)
	}
	if r2 := mustRun(t, Options{Dir: dir}); len(r2.Files) != 0 {
		t.Errorf("second run changes %d file(s):\n%s", len(r2.Files), r2.Diff())
	}
	rs := mustRun(t, Options{Dir: dir, Strip: true})
	if err := rs.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(dir, "m.go")); got != tracedSrc {
		t.Errorf("strip gave\n%s\nwant\n%s", got, tracedSrc)
	}
	if got := readString(t, filepath.Join(dir, "untouched.go")); !strings.Contains(got, "var  x") {
		t.Errorf("a file without directives was reformatted:\n%s", got)
	}
}

func TestTestFilesOnlyWithTests(t *testing.T) {
	xtest := "package m_test\n\nimport \"context\"\n\n//zipkin:trace\nfunc helper(ctx context.Context) {}\n"
	dir := tempModule(t, map[string]string{"m.go": tracedSrc, "m_test.go": plainTestSrc, "x_test.go": xtest})
	r := mustRun(t, Options{Dir: dir})
	for _, f := range r.Files {
		if strings.HasSuffix(f.Path, "_test.go") {
			t.Errorf("test file rewritten without Tests: %s", f.Path)
		}
	}
	r = mustRun(t, Options{Dir: dir, Tests: true})
	var rewritten []string
	for _, f := range r.Files {
		rewritten = append(rewritten, filepath.Base(f.Path))
	}
	if strings.Join(rewritten, " ") != "m.go m_test.go x_test.go" || len(r.Diagnostics) > 0 {
		t.Errorf("with Tests: rewritten %v, diagnostics %v", rewritten, r.Diagnostics)
	}
}

func TestWriteOverlayBuildsInstrumented(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	main := "package main\n\nimport \"fmt\"\n\n//zipkin:trace\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n"
	dir := tempModule(t, map[string]string{"main.go": main})
	r := mustRun(t, Options{Dir: dir})
	overlay, err := r.WriteOverlay(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(dir, "main.go")); got != main {
		t.Fatal("WriteOverlay changed the source")
	}
	cmd := exec.Command("go", "build", "-overlay="+overlay, "-o", filepath.Join(t.TempDir(), "m"), ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build -overlay: %v\n%s", err, out)
	}
	data := readString(t, overlay)
	if !strings.Contains(data, `"Replace"`) || !strings.Contains(data, filepath.Join(dir, "main.go")) {
		t.Errorf("overlay JSON does not replace main.go:\n%s", data)
	}
}

func TestDiagnosticsAreSortedAbsoluteAndBlockWrites(t *testing.T) {
	src := `package m

import "context"

//zipkin:trace
func Body(ctx context.Context) {}

//zipkin:bogus
func Two(ctx context.Context) {
	//zipkin:annotate nosuch
	_ = 1
}

//zipkin:trace
//zipkin:tag bad key x
func Three(ctx context.Context, x int) {}
`
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir})
	if len(r.Files) != 0 {
		t.Errorf("a run with errors proposes %d file(s)", len(r.Files))
	}
	var got []string
	for _, d := range r.Diagnostics {
		if !filepath.IsAbs(d.Pos.Filename) {
			t.Errorf("relative diagnostic path %q", d.Pos.Filename)
		}
		got = append(got, strings.TrimPrefix(d.String(), dir+string(filepath.Separator)))
	}
	want := []string{
		`m.go:8:10: unknown directive`,
		`m.go:10:2: //zipkin:annotate outside a traced function`,
		`m.go:15:22: invalid expression`,
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		// Messages of the annotations package are its own; the prefix pins
		// position and kind.
		got[i] = strings.Replace(got[i], "//zipkin:bogus", "zipkin:bogus", 1)
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
	if err := r.Commit(); err == nil {
		t.Error("Commit succeeded despite diagnostics")
	}
}

func TestSortDiagnosticsDropsDuplicates(t *testing.T) {
	d := func(f string, l, c int, m string) Diagnostic {
		var dg Diagnostic
		dg.Pos.Filename, dg.Pos.Line, dg.Pos.Column, dg.Message = f, l, c, m
		return dg
	}
	got := sortDiagnostics([]Diagnostic{d("b.go", 1, 1, "x"), d("a.go", 2, 1, "y"), d("a.go", 2, 1, "y"), d("a.go", 1, 5, "z")})
	var s []string
	for _, g := range got {
		s = append(s, g.String())
	}
	want := "a.go:1:5: z|a.go:2:1: y|b.go:1:1: x"
	if strings.Join(s, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(s, "|"), want)
	}
}

func TestParsePosition(t *testing.T) {
	for in, want := range map[string]string{
		"/a/b.go:3:4": "/a/b.go:3:4",
		"/a/b.go:3":   "/a/b.go:3",
		"-":           "-",
		"C:/x.go:1:2": "C:/x.go:1:2",
	} {
		if got := parsePosition(in).String(); got != want {
			t.Errorf("parsePosition(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamerAvoidsEveryUsedName(t *testing.T) {
	n := &namer{used: map[string]bool{"span": true, "zipkinSpan": true, "zipkinSpan1": true}}
	if got := n.pick("span", "zipkinSpan"); got != "zipkinSpan2" {
		t.Errorf("pick = %q, want zipkinSpan2", got)
	}
	if got := n.pick("ctx", "zipkinCtx"); got != "ctx" {
		t.Errorf("pick = %q, want ctx", got)
	}
	if got := n.pick("ctx", "zipkinCtx"); got != "zipkinCtx" {
		t.Errorf("second pick = %q, want zipkinCtx (ctx is reserved now)", got)
	}
}

func TestFilePatternsRewriteOnlyThoseFiles(t *testing.T) {
	other := strings.Replace(tracedSrc, "func F(", "func G(", 1)
	dir := tempModule(t, map[string]string{"m.go": tracedSrc, "other.go": other})
	r := mustRun(t, Options{Dir: dir, Patterns: []string{"m.go"}})
	if len(r.Diagnostics) > 0 || len(r.Files) != 1 || filepath.Base(r.Files[0].Path) != "m.go" {
		t.Errorf("files %v, diagnostics %v; want only m.go", r.Files, r.Diagnostics)
	}
}

func TestMissingRuntimeIsAPositionedError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"go.mod": "module example.com/m\n\ngo 1.24.0\n", "m.go": tracedSrc}, 0o644)
	r := mustRun(t, Options{Dir: dir})
	if len(r.Diagnostics) == 0 || len(r.Files) != 0 {
		t.Fatalf("without the runtime in go.mod: files %d, diagnostics %v", len(r.Files), r.Diagnostics)
	}
	d := r.Diagnostics[0]
	if filepath.Base(d.Pos.Filename) != "m.go" || d.Pos.Line == 0 || !strings.Contains(d.Message, "go get") {
		t.Errorf("diagnostic %v: want a position in m.go and the go get hint", d)
	}
}

// TestTypeErrorsOfTheOutputPointAtTheFunction breaks the generated code of
// the second traced function and checks that the error lands on it.
func TestTypeErrorsOfTheOutputPointAtTheFunction(t *testing.T) {
	src := tracedSrc + "\n//zipkin:trace\nfunc G(ctx context.Context) {\n\tfunc() {}()\n}\n"
	dir := tempModule(t, map[string]string{"m.go": src})
	e, err := newEngine(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.load(); err != nil {
		t.Fatal(err)
	}
	p := e.pkgs[0]
	w := e.newFileWork(p, p.Syntax[0], 0)
	if !w.process() {
		t.Fatalf("nothing to rewrite: %v", w.diags)
	}
	w.out = []byte(strings.Replace(string(w.out), "defer span.End(nil)", "defer span.End(1)", 1))
	diags := e.typeCheck(p, []*fileWork{w})
	if len(diags) != 1 {
		t.Fatalf("diagnostics %v, want one", diags)
	}
	if d := diags[0]; d.Pos.Line != 11 || d.Pos.Column != 1 || !strings.Contains(d.Message, "does not type-check") {
		t.Errorf("diagnostic %v, want m.go:11:1 (func G) saying the output does not type-check", d)
	}
}

func TestImportNameIsFreeAroundTracedLiterals(t *testing.T) {
	src := `package m

func Outer() int {
	zipkin := 3
	//zipkin:trace
	f := func() {}
	f()
	return zipkin
}
`
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir})
	if len(r.Diagnostics) > 0 || len(r.Files) != 1 {
		t.Fatalf("files %d, diagnostics %v", len(r.Files), r.Diagnostics)
	}
	out := string(r.Files[0].New)
	if !strings.Contains(out, `zipkingen "github.com/zipkingen/zipkingen/runtime/zipkin"`) || !strings.Contains(out, "zipkingen.StartRoot(") {
		t.Errorf("the import is not renamed around the local zipkin:\n%s", out)
	}
}

func TestLeftoverRuntimeImportIsRemoved(t *testing.T) {
	src := "package m\n\nimport (\n\t\"context\"\n\n\t\"github.com/zipkingen/zipkingen/runtime/zipkin\" //zipkin:generated\n)\n\nfunc F(ctx context.Context) {}\n"
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir})
	want := "package m\n\nimport (\n\t\"context\"\n)\n\nfunc F(ctx context.Context) {}\n"
	if len(r.Diagnostics) > 0 || len(r.Files) != 1 || string(r.Files[0].New) != want {
		t.Errorf("files %v diagnostics %v, want the unused runtime import removed", r.Files, r.Diagnostics)
	}
}

func TestDirectiveBeforeCaseIsDangling(t *testing.T) {
	src := `package m

import "context"

//zipkin:trace
func F(ctx context.Context, n int) {
	switch n {
	//zipkin:annotate "one"
	case 1:
		//zipkin:annotate "inside"
		n++
	}
}
`
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir})
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Pos.Line != 8 || !strings.Contains(r.Diagnostics[0].Message, "not attached") {
		t.Errorf("diagnostics %v, want one at line 8 saying the directive is not attached", r.Diagnostics)
	}
}

func TestNosplitFunctions(t *testing.T) {
	src := "package m\n\nimport \"context\"\n\n//go:nosplit\nfunc Auto(ctx context.Context) {}\n\n//zipkin:trace\n//go:nosplit\nfunc Marked(ctx context.Context) {}\n"
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir, All: true})
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Pos.Line != 8 || !strings.Contains(r.Diagnostics[0].Message, "nosplit") {
		t.Errorf("diagnostics %v, want one at the trace of Marked", r.Diagnostics)
	}
	src = strings.Replace(src, "//zipkin:trace\n", "", 1)
	dir = tempModule(t, map[string]string{"m.go": src})
	if r := mustRun(t, Options{Dir: dir, All: true}); len(r.Files) != 0 || len(r.Diagnostics) != 0 {
		t.Errorf("-all traced a nosplit function: %d files, %v", len(r.Files), r.Diagnostics)
	}
}

// TestVerboseSaysWhereASourceCannotCarryTheSpan: -v names, with the
// position, the functions whose callees may be siblings rather than
// children, and why -all left a function alone.
func TestVerboseSaysWhereASourceCannotCarryTheSpan(t *testing.T) {
	src := `package m

import "context"

type S interface{ Context() context.Context }

//zipkin:trace
func Stream(s S) {}

//zipkin:trace
func Generic[C context.Context](c C) {}

//zipkin:trace
func Plain(ctx context.Context) {}

func Derive(ctx context.Context) context.Context { return ctx }

func Consume(s S) {}
`
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir, All: true})
	if len(r.Diagnostics) > 0 {
		t.Fatal(r.Diagnostics)
	}
	notes := strings.Join(r.Notes, "\n")
	for _, want := range []string{
		"m.go:8:1: Stream: what the body starts from s.Context() is a child of the span only if that context holds a span slot",
		"m.go:11:1: Generic: what the body starts from c is a sibling of the span",
		"Derive: not traced by -all: it returns a context",
		"Consume: not traced by -all: its context is reached only through s.Context()",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if strings.Contains(notes, "Plain: what the body") {
		t.Errorf("a context parameter is said not to carry the span:\n%s", notes)
	}
}
