package rewrite

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const depSrc = `package dep

import "context"

//zipkin:trace
func Do(ctx context.Context) error { return nil }
`

// depModule is a main module m that uses example.com/dep from ./dep
// through a replace directive, as a dependency in the module cache would
// be used.
func depModule(t *testing.T) string {
	dir := tempModule(t, map[string]string{
		"m.go":       "package m\n\nimport (\n\t_ \"example.com/dep\"\n\t_ \"github.com/zipkingen/zipkingen/runtime/zipkin\"\n)\n",
		"dep/go.mod": "module example.com/dep\n\ngo 1.24.0\n",
		"dep/dep.go": depSrc,
	})
	gomod := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ./dep\n"...)
	if err := os.WriteFile(gomod, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// noRename makes a Commit that gets as far as renaming fail the test
// instead of writing over what is not the user's.
func noRename(t *testing.T, r *Result) {
	r.rename = func(from, to string) error {
		t.Errorf("Commit renames %s over %s", from, to)
		os.Remove(from)
		return os.ErrPermission
	}
}

func wantForeign(t *testing.T, r *Result, pkg string) {
	t.Helper()
	if len(r.Diagnostics) > 0 || len(r.Files) == 0 {
		t.Fatalf("%d files, diagnostics %v", len(r.Files), r.Diagnostics)
	}
	noRename(t, r)
	err := r.Commit()
	if err == nil || !strings.Contains(err.Error(), "package "+pkg+" is ") || !strings.Contains(err.Error(), "-overlay") {
		t.Fatalf("Commit: %v, want a refusal naming %s with a hint to use -overlay", err, pkg)
	}
	for _, f := range r.Files {
		cur, err := os.ReadFile(f.Path)
		if err != nil || !bytes.Equal(cur, f.Old) {
			t.Errorf("%s changed", f.Path)
		}
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), ".*zipkingen*"))
		if len(matches) > 0 {
			t.Errorf("left behind: %v", matches)
		}
	}
}

// Only files of the main module are rewritten in place: a dependency
// named on the command line is refused, by name, and -diff still shows it.
func TestDependencyIsNotRewritten(t *testing.T) {
	dir := depModule(t)
	r := mustRun(t, Options{Dir: dir, Patterns: []string{"example.com/dep"}})
	if len(r.Diff()) == 0 {
		t.Error("no diff of the dependency")
	}
	wantForeign(t, r, "example.com/dep")
}

func TestVendoredPackageIsNotRewritten(t *testing.T) {
	dir := depModule(t)
	cmd := exec.Command("go", "mod", "vendor")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod vendor: %v\n%s", err, out)
	}
	r := mustRun(t, Options{Dir: dir, Patterns: []string{"example.com/dep"}})
	for _, f := range r.Files {
		if !strings.Contains(f.Path, string(filepath.Separator)+"vendor"+string(filepath.Separator)) {
			t.Fatalf("loaded %s, want the vendored copy", f.Path)
		}
	}
	wantForeign(t, r, "example.com/dep")
}

func TestStandardLibraryIsNotRewritten(t *testing.T) {
	dir := tempModule(t, map[string]string{"m.go": "package m\n"})
	r := mustRun(t, Options{Dir: dir, Patterns: []string{"log/slog"}, All: true})
	wantForeign(t, r, "log/slog")
}

// The main module's own files, and those of a workspace module, are the
// user's.
func TestWorkspaceModuleIsRewritten(t *testing.T) {
	dir := depModule(t)
	if err := os.WriteFile(filepath.Join(dir, "go.work"), []byte("go 1.24.0\n\nuse (\n\t.\n\t./dep\n)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, Options{Dir: dir, Patterns: []string{"example.com/dep"}})
	if len(r.Files) != 1 {
		t.Fatalf("%d files, diagnostics %v", len(r.Files), r.Diagnostics)
	}
	if err := r.Commit(); err != nil {
		t.Fatal(err)
	}
}
