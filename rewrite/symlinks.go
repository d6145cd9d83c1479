package rewrite

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// symlinkNotes says, for -v, which symbolic links to directories the
// go command did not follow for a ./... pattern: their packages are not
// rewritten unless named on their own.
func (e *engine) symlinkNotes() {
	for _, p := range e.opts.Patterns {
		root, ok := strings.CutSuffix(filepath.ToSlash(p), "/...")
		if !ok || !(root == "." || root == ".." || strings.HasPrefix(root, "./") || strings.HasPrefix(root, "../") || filepath.IsAbs(root)) {
			continue
		}
		if !filepath.IsAbs(root) {
			root = filepath.Join(e.dir, filepath.FromSlash(root))
		}
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
					return filepath.SkipDir // the go command skips these too
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
					return filepath.SkipDir // another module
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(path); err == nil && fi.IsDir() {
					e.notes = append(e.notes, e.relPath(path)+": skipped by "+p+" (a symbolic link to a directory, which go list does not follow; name it to rewrite it)")
				}
			}
			return nil
		})
	}
}
