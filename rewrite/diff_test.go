package rewrite

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var diffCases = []struct{ name, a, b string }{
	{"insert-middle", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nX\ne\nf\ng\nh\n"},
	{"insert-top", "a\nb\n", "X\nY\na\nb\n"},
	{"delete-end", "a\nb\nc\n", "a\n"},
	{"two-hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\nY\n14\n"},
	{"close-hunks-merge", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\nY\n8\n"},
	{"replace-all", "a\nb\n", "c\nd\ne\n"},
	{"no-final-newline", "a\nb", "a\nc"},
	{"from-empty", "", "a\n"},
}

// TestUnifiedDiffMatchesDiffU compares the hunks with the system's diff -u.
func TestUnifiedDiffMatchesDiffU(t *testing.T) {
	if _, err := exec.LookPath("diff"); err != nil {
		t.Skip("no diff on PATH")
	}
	dir := t.TempDir()
	for _, c := range diffCases {
		t.Run(c.name, func(t *testing.T) {
			a, b := filepath.Join(dir, c.name+".a"), filepath.Join(dir, c.name+".b")
			os.WriteFile(a, []byte(c.a), 0o644)
			os.WriteFile(b, []byte(c.b), 0o644)
			want, _ := exec.Command("diff", "-u", a, b).Output()
			got := unifiedDiff("x", "y", []byte(c.a), []byte(c.b))
			if hunksOf(got) != hunksOf(want) {
				t.Errorf("got:\n%s\nwant (diff -u):\n%s", got, want)
			}
		})
	}
}

// hunksOf drops the --- and +++ header lines.
func hunksOf(d []byte) string {
	lines := strings.SplitAfter(string(d), "\n")
	if len(lines) < 2 {
		return string(d)
	}
	return strings.Join(lines[2:], "")
}

func TestUnifiedDiffOfEqualInputsIsEmpty(t *testing.T) {
	if d := unifiedDiff("a", "b", []byte("x\n"), []byte("x\n")); len(d) != 0 {
		t.Errorf("diff of equal inputs: %q", d)
	}
}

func TestResultDiffUsesRelativePaths(t *testing.T) {
	dir := t.TempDir()
	r := &Result{dir: dir, Files: []FileChange{{Path: filepath.Join(dir, "sub", "a.go"), Old: []byte("a\n"), New: []byte("b\n")}}}
	want := "--- sub/a.go\n+++ sub/a.go\n@@ -1 +1 @@\n-a\n+b\n"
	if got := r.Diff(); !bytes.Equal(got, []byte(want)) {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
}
