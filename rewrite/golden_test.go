package rewrite

import (
	"bytes"
	"context"
	"flag"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden/<case> from the engine's output")

// harnessFiles are inputs of the harness, never copied to golden/.
var harnessFiles = map[string]bool{"flags.txt": true, "errors.txt": true}

// TestGolden runs the engine on every testdata/rewrite/<case> package and
// compares the result with golden/<case> (or with errors.txt), then proves
// on golden/<case> that a re-run changes nothing and that -strip gives the
// input back byte for byte.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "testdata", "rewrite", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range cases {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runGoldenCase(t, name)
		})
	}
}

func runGoldenCase(t *testing.T, name string) {
	in, err := filepath.Abs(filepath.Join("..", "testdata", "rewrite", name))
	if err != nil {
		t.Fatal(err)
	}
	out, err := filepath.Abs(filepath.Join("..", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	opts := caseOptions(t, in)
	r := run(t, in, opts)
	if want, err := os.ReadFile(filepath.Join(in, "errors.txt")); err == nil {
		compareErrors(t, in, r, string(want))
		return
	}
	failOnDiagnostics(t, in, r)
	checkInputFormatted(t, in, r)
	expected := expectedFiles(t, in, r)
	if *update {
		writeGolden(t, out, expected)
	}
	if !compareTree(t, out, expected) {
		return
	}
	checkRerun(t, out, opts)
	checkStrip(t, in, out, opts)
}

// caseOptions reads the optional flags.txt: -all, -tags=a,b, -tests.
func caseOptions(t *testing.T, dir string) Options {
	o := Options{Dir: dir}
	data, err := os.ReadFile(filepath.Join(dir, "flags.txt"))
	if err != nil {
		return o
	}
	for _, f := range strings.Fields(string(data)) {
		switch {
		case f == "-all":
			o.All = true
		case f == "-tests":
			o.Tests = true
		case strings.HasPrefix(f, "-tags="):
			o.Tags = strings.Split(strings.TrimPrefix(f, "-tags="), ",")
		default:
			t.Fatalf("flags.txt: unknown flag %q", f)
		}
	}
	return o
}

func run(t *testing.T, dir string, o Options) *Result {
	t.Helper()
	o.Dir = dir
	r, err := Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run(%s): %v", dir, err)
	}
	return r
}

// relDiagnostics formats the diagnostics with paths relative to dir.
func relDiagnostics(dir string, r *Result) string {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		p := d.Pos
		if rel, err := filepath.Rel(dir, p.Filename); err == nil {
			p.Filename = filepath.ToSlash(rel)
		}
		b.WriteString(Diagnostic{Pos: p, Message: d.Message}.String() + "\n")
	}
	return b.String()
}

func compareErrors(t *testing.T, dir string, r *Result, want string) {
	got := relDiagnostics(dir, r)
	if got != want {
		t.Errorf("diagnostics differ (want errors.txt, got):\n%s", unifiedDiff("errors.txt", "got", []byte(want), []byte(got)))
	}
	if len(r.Files) > 0 {
		t.Errorf("a run with diagnostics still proposes %d file change(s)", len(r.Files))
	}
}

func failOnDiagnostics(t *testing.T, dir string, r *Result) {
	t.Helper()
	if len(r.Diagnostics) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", relDiagnostics(dir, r))
	}
}

// checkInputFormatted flags inputs that gofmt would change: the engine
// prints every file it rewrites as gofmt does, so -strip can only give back
// gofmt-clean input.
func checkInputFormatted(t *testing.T, dir string, r *Result) {
	for _, f := range r.Files {
		if formatted, err := format.Source(f.Old); err == nil && !bytes.Equal(formatted, f.Old) {
			rel, _ := filepath.Rel(dir, f.Path)
			t.Errorf("input %s is not gofmt-clean; -strip gives back gofmt's form of it:\n%s", rel, unifiedDiff(rel, "gofmt/"+rel, f.Old, formatted))
		}
	}
}

// expectedFiles is the case folder as the engine would leave it: changed
// files with their new bytes, every other file (tests, assembly, files
// behind build tags) as it is.
func expectedFiles(t *testing.T, dir string, r *Result) map[string][]byte {
	files := readTree(t, dir)
	for _, f := range r.Files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("change outside the case: %s", f.Path)
		}
		files[filepath.ToSlash(rel)] = f.New
	}
	return files
}

// readTree reads every file under dir except the harness inputs.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if harnessFiles[rel] {
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

func writeGolden(t *testing.T, out string, files map[string][]byte) {
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// compareTree checks golden/<case> against the expected files, printing a
// unified diff per mismatch.
func compareTree(t *testing.T, out string, want map[string][]byte) bool {
	got := readTree(t, out)
	for _, rel := range sortedKeys(want, got) {
		w, inWant := want[rel]
		g, inGot := got[rel]
		switch {
		case !inGot:
			t.Errorf("golden file %s is missing (run go test ./rewrite -run TestGolden -update)", rel)
		case !inWant:
			t.Errorf("golden file %s is not produced any more", rel)
		case !bytes.Equal(w, g):
			t.Errorf("%s differs from golden (-golden +engine):\n%s", rel, unifiedDiff("golden/"+rel, "engine/"+rel, g, w))
		}
	}
	return !t.Failed()
}

func sortedKeys(ms ...map[string][]byte) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// checkRerun proves that the engine finds its own output and leaves it
// alone: a second run is byte-identical.
func checkRerun(t *testing.T, out string, o Options) {
	r := run(t, out, o)
	failOnDiagnostics(t, out, r)
	for _, f := range r.Files {
		t.Errorf("re-run changes %s:\n%s", f.Path, unifiedDiff("first", "second", f.Old, f.New))
	}
}

// checkStrip proves that -strip on the output gives the input back, byte
// for byte (for an input that was already instrumented: the input's own
// stripped form).
func checkStrip(t *testing.T, in, out string, o Options) {
	o.Strip = true
	r := run(t, out, o)
	failOnDiagnostics(t, out, r)
	stripped := expectedFiles(t, out, r)
	orig := readTree(t, in)
	if containsMarker(orig) {
		ri := run(t, in, o)
		failOnDiagnostics(t, in, ri)
		orig = expectedFiles(t, in, ri)
	}
	for _, rel := range sortedKeys(orig, stripped) {
		if !bytes.Equal(orig[rel], stripped[rel]) {
			t.Errorf("-strip does not restore %s (-input +stripped):\n%s", rel, unifiedDiff("input/"+rel, "stripped/"+rel, orig[rel], stripped[rel]))
		}
	}
}

func containsMarker(files map[string][]byte) bool {
	for _, data := range files {
		if bytes.Contains(data, []byte("//zipkin:generated")) {
			return true
		}
	}
	return false
}
