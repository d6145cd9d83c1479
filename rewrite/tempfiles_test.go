//go:build unix

package rewrite

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Commit removes the temporary files of runs that are gone, and of earlier
// versions once they are old, and leaves those of a run still going.
func TestCommitRemovesStaleTemporaryFiles(t *testing.T) {
	dir := tempModule(t, map[string]string{"m.go": tracedSrc})
	done := exec.Command("true")
	if err := done.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	gone := strconv.Itoa(done.Process.Pid)
	alive := strconv.Itoa(os.Getppid())
	files := map[string]bool{ // name: removed
		".m.go.zipkingen-" + gone + "-123":  true,
		".m.go.zipkingen-" + alive + "-123": false,
		".m.go.zipkingen-4242424":           true,  // an earlier version's, old
		".x.go.zipkingen-77":                false, // an earlier version's, new
		".m.go.zipkingen-notmine":           false,
	}
	old := time.Now().Add(-time.Hour)
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("package m\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if name != ".x.go.zipkingen-77" {
			os.Chtimes(p, old, old)
		}
	}
	r := mustRun(t, Options{Dir: dir})
	if err := r.Commit(); err != nil {
		t.Fatal(err)
	}
	var cleaned []string
	for _, p := range r.Cleaned {
		cleaned = append(cleaned, filepath.Base(p))
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if removed != os.IsNotExist(err) {
			t.Errorf("%s: removed %v, want %v", name, os.IsNotExist(err), removed)
		}
		if reported := strings.Contains(strings.Join(cleaned, " "), name); reported != removed {
			t.Errorf("%s: reported %v, want %v (Cleaned %v)", name, reported, removed, cleaned)
		}
	}
}
