//go:build unix

package rewrite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ./... does not follow a symbolic link to a directory; -v says so.
func TestSymlinkedDirectoryIsReported(t *testing.T) {
	dir := tempModule(t, map[string]string{"m.go": tracedSrc, "real/r.go": "package real\n"})
	if err := os.Symlink("real", filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	r := mustRun(t, Options{Dir: dir, Patterns: []string{"./..."}})
	want := "link: skipped by ./... (a symbolic link to a directory"
	if !strings.Contains(strings.Join(r.Notes, "\n"), want) {
		t.Errorf("notes:\n%s\nwant %q", strings.Join(r.Notes, "\n"), want)
	}
}
