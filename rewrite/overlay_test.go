package rewrite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A failure at any rename of WriteOverlayFile leaves the earlier overlay
// as it was, and no temporary folder or file behind.
func TestWriteOverlayFileFailureLeavesNothing(t *testing.T) {
	dir := tempModule(t, map[string]string{"m.go": tracedSrc})
	out := t.TempDir()
	file := filepath.Join(out, "zk.json")
	r := mustRun(t, Options{Dir: dir})
	if _, err := r.WriteOverlayFile(file); err != nil {
		t.Fatal(err)
	}
	before := listDir(t, out)
	want := readString(t, file)
	for fail := 1; fail <= 3; fail++ {
		n := 0
		r.rename = func(from, to string) error {
			if n++; n == fail {
				return errors.New("disk full")
			}
			return os.Rename(from, to)
		}
		if _, err := r.WriteOverlayFile(file); err == nil {
			t.Fatalf("rename %d fails: no error", fail)
		}
		if got := listDir(t, out); got != before {
			t.Errorf("rename %d fails: folder now\n%s\nwant\n%s", fail, got, before)
		}
		if readString(t, file) != want {
			t.Errorf("rename %d fails: the overlay file changed", fail)
		}
	}
}

// listDir lists every path under dir.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	var paths []string
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		rel, _ := filepath.Rel(dir, p)
		paths = append(paths, rel)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(paths, "\n")
}
