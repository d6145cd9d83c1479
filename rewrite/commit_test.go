package rewrite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string, mode os.FileMode) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), mode); err != nil {
			t.Fatal(err)
		}
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestCommitWritesEveryFileAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.go": "old a", "b.go": "old b"}, 0o600)
	r := &Result{Files: []FileChange{
		{Path: filepath.Join(dir, "a.go"), Old: []byte("old a"), New: []byte("new a")},
		{Path: filepath.Join(dir, "b.go"), Old: []byte("old b"), New: []byte("new b")},
	}}
	if err := r.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a", "b"} {
		p := filepath.Join(dir, n+".go")
		if got := readString(t, p); got != "new "+n {
			t.Errorf("%s = %q, want %q", p, got, "new "+n)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, fi.Mode().Perm())
		}
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("files left in the directory: %v", names)
	}
}

func TestCommitRefusesWithDiagnostics(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.go": "old"}, 0o644)
	r := &Result{
		Files:       []FileChange{{Path: filepath.Join(dir, "a.go"), Old: []byte("old"), New: []byte("new")}},
		Diagnostics: []Diagnostic{{Message: "bad"}},
	}
	if err := r.Commit(); err == nil {
		t.Fatal("Commit with diagnostics succeeded")
	}
	if got := readString(t, filepath.Join(dir, "a.go")); got != "old" {
		t.Errorf("file written despite diagnostics: %q", got)
	}
}

func TestCommitWritesNothingWhenAFileChangedSinceRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.go": "old a", "b.go": "edited meanwhile"}, 0o644)
	r := &Result{Files: []FileChange{
		{Path: filepath.Join(dir, "a.go"), Old: []byte("old a"), New: []byte("new a")},
		{Path: filepath.Join(dir, "b.go"), Old: []byte("old b"), New: []byte("new b")},
	}}
	err := r.Commit()
	if err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Fatalf("Commit = %v, want a changed-since error", err)
	}
	if got := readString(t, filepath.Join(dir, "a.go")); got != "old a" {
		t.Errorf("a.go written although b.go could not be: %q", got)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("temporary files left behind: %v", names)
	}
}

func TestCommitRollsBackWhenARenameFails(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.go": "old a", "b.go": "old b"}, 0o644)
	r := &Result{Files: []FileChange{
		{Path: filepath.Join(dir, "a.go"), Old: []byte("old a"), New: []byte("new a")},
		{Path: filepath.Join(dir, "b.go"), Old: []byte("old b"), New: []byte("new b")},
	}}
	r.rename = func(from, to string) error {
		if strings.HasSuffix(to, "b.go") {
			return errors.New("disk full")
		}
		return os.Rename(from, to)
	}
	if err := r.Commit(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Commit = %v, want the rename error", err)
	}
	for _, n := range []string{"a", "b"} {
		if got := readString(t, filepath.Join(dir, n+".go")); got != "old "+n {
			t.Errorf("%s.go = %q after rollback, want %q", n, got, "old "+n)
		}
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("temporary files left behind: %v", names)
	}
}

// TestCommitWritesThroughSymlinks: a source file that is a symbolic link
// stays a link, and its target gets the new content with its mode kept,
// as gofmt -w does.
func TestCommitWritesThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, shared, map[string]string{"real.go": "old"}, 0o640)
	link := filepath.Join(dir, "link.go")
	if err := os.Symlink(filepath.Join("shared", "real.go"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	r := &Result{Files: []FileChange{{Path: link, Old: []byte("old"), New: []byte("new")}}}
	if err := r.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link.go is no longer a symbolic link (%v, %v)", fi.Mode(), err)
	}
	real := filepath.Join(shared, "real.go")
	if got := readString(t, real); got != "new" {
		t.Errorf("target = %q, want %q", got, "new")
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640", fi.Mode().Perm())
	}
	if names := dirNames(t, shared); len(names) != 1 {
		t.Errorf("files left next to the target: %v", names)
	}
}
