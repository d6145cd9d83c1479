package rewrite

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// overlayMark is the file that marks a folder of instrumented copies as
// zipkingen's own, so that a later run may replace it.
const overlayMark = "zipkingen-overlay"

// OverlayDir is the folder of instrumented copies that WriteOverlayFile
// puts next to file: zk.json gives .zk.zipkingen. Its name starts with a
// dot, so the go command ignores it (go list ./..., go build ./...) even
// when it is inside the module.
func OverlayDir(file string) string {
	base := filepath.Base(file)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return filepath.Join(filepath.Dir(file), "."+stem+".zipkingen")
}

// WriteOverlayFile writes the overlay JSON for go build -overlay=file at
// file and the instrumented copies under OverlayDir(file), and returns
// that folder. The sources are not touched. It refuses a file that exists
// and is not an overlay zipkingen wrote (and a folder that is not its
// own), and on any failure it leaves things as they were: nothing
// half-written, no folder behind, an earlier overlay intact.
func (r *Result) WriteOverlayFile(file string) (dir string, err error) {
	if len(r.Diagnostics) > 0 {
		return "", fmt.Errorf("refusing to write: %d diagnostic(s)", len(r.Diagnostics))
	}
	name := file // as the user wrote it, for errors
	if file, err = filepath.Abs(file); err != nil {
		return "", err
	}
	dir = OverlayDir(file)
	if err := checkOverlayTarget(name, file, dir); err != nil {
		return "", err
	}
	parent := filepath.Dir(file)
	created, err := mkdirAllTracked(parent)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil && created != "" {
			os.RemoveAll(created) // the folders this run made for FILE
		}
	}()
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".tmp-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // renamed away on success
	data, err := r.writeCopies(tmp, dir)
	if err != nil {
		return "", err
	}
	return dir, r.swapOverlay(file, dir, tmp, data)
}

// checkOverlayTarget refuses to overwrite what zipkingen did not write.
func checkOverlayTarget(name, file, dir string) error {
	if fi, err := os.Lstat(file); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("-overlay %s: not a regular file; want the path of an overlay JSON file to write", name)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if !isOurOverlay(data, dir) {
			return fmt.Errorf("-overlay %s: the file exists and is not an overlay zipkingen wrote; refusing to overwrite it", name)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if fi, err := os.Lstat(dir); err == nil {
		if _, merr := os.Stat(filepath.Join(dir, overlayMark)); !fi.IsDir() || merr != nil {
			return fmt.Errorf("-overlay %s: the folder %s exists and was not written by zipkingen; refusing to replace it", name, filepath.Base(dir))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// isOurOverlay reports whether data is an overlay JSON file that maps only
// into dir, as WriteOverlayFile writes them.
func isOurOverlay(data []byte, dir string) bool {
	var o map[string]json.RawMessage
	if json.Unmarshal(data, &o) != nil || len(o) != 1 || o["Replace"] == nil {
		return false
	}
	var replace map[string]string
	if json.Unmarshal(o["Replace"], &replace) != nil {
		return false
	}
	for _, to := range replace {
		if !within(dir, to) {
			return false
		}
	}
	return true
}

// mkdirAllTracked creates dir and its missing parents and returns the
// topmost folder it created ("" if dir existed), for cleaning up.
func mkdirAllTracked(dir string) (string, error) {
	top := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	if top == "" {
		return "", nil
	}
	return top, os.MkdirAll(dir, 0o755)
}

// writeCopies writes the instrumented copies and the mark under tmp and
// returns the overlay JSON, whose paths point into dir (where tmp will be
// renamed).
func (r *Result) writeCopies(tmp, dir string) ([]byte, error) {
	replace := map[string]string{}
	for _, f := range r.Files {
		rel := strings.TrimPrefix(filepath.ToSlash(f.Path), "/")
		rel = filepath.FromSlash(strings.ReplaceAll(rel, ":", ""))
		p := filepath.Join(tmp, "src", rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.New, 0o644); err != nil {
			return nil, err
		}
		replace[f.Path] = filepath.Join(dir, "src", rel)
	}
	mark := []byte("instrumented copies written by zipkingen -overlay; replaced by the next run\n")
	if err := os.WriteFile(filepath.Join(tmp, overlayMark), mark, 0o644); err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
	return append(data, '\n'), err
}

// swapOverlay puts the new folder and JSON in place of the old ones, and
// puts the old ones back if any step fails.
func (r *Result) swapOverlay(file, dir, tmp string, data []byte) error {
	rename := r.rename
	if rename == nil {
		rename = os.Rename
	}
	jsonTmp, err := writeTemp(file, data, 0o644)
	if err != nil {
		return err
	}
	defer os.Remove(jsonTmp) // renamed away on success
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := rename(dir, old); err != nil {
			return err
		}
	}
	if err := rename(tmp, dir); err != nil {
		return errors.Join(err, restoreDir(old, dir))
	}
	if err := rename(jsonTmp, file); err != nil {
		os.RemoveAll(dir)
		return errors.Join(err, restoreDir(old, dir))
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

func restoreDir(old, dir string) error {
	if old == "" {
		return nil
	}
	if err := os.Rename(old, dir); err != nil {
		return fmt.Errorf("putting back the earlier overlay folder %s: %w", dir, err)
	}
	return nil
}
