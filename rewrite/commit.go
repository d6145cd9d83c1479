package rewrite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Commit writes every changed file, atomically per file (a temporary file
// in the same directory, renamed over the original, mode kept) and all or
// nothing per run: every file is checked and staged first, and a failed
// rename rolls back the files already replaced. It refuses when there are
// diagnostics, when a file is not the main module's, or when a file
// changed on disk since Run read it. It first removes the temporary files
// that an interrupted earlier run left in the packages' directories
// (listed in r.Cleaned).
func (r *Result) Commit() error { return r.CommitContext(context.Background()) }

// CommitContext is Commit, stopped by ctx while staging: then the staged
// files are removed and nothing is written. Once the renames have begun
// they are finished whatever ctx says, so that no run is left half done.
func (r *Result) CommitContext(ctx context.Context) error {
	if len(r.Diagnostics) > 0 {
		return fmt.Errorf("refusing to write: %d diagnostic(s)", len(r.Diagnostics))
	}
	if err := r.refuseForeign(); err != nil {
		return err
	}
	r.Cleaned = removeStaleTemps(r.dirs)
	pause := testPause()
	staged := make([]string, len(r.Files))
	defer func() {
		for _, t := range staged {
			if t != "" {
				os.Remove(t)
			}
		}
	}()
	for i, f := range r.Files {
		pause.at(ctx, "stage", i)
		if err := ctx.Err(); err != nil {
			return err
		}
		t, err := stage(f)
		if err != nil {
			return err
		}
		staged[i] = t
	}
	rename := r.rename
	if rename == nil {
		rename = os.Rename
	}
	for i, f := range r.Files {
		pause.at(ctx, "rename", i)
		if err := rename(staged[i], f.Path); err != nil {
			return errors.Join(fmt.Errorf("writing %s: %w", f.Path, err), r.rollback(i))
		}
		staged[i] = ""
	}
	return nil
}

// stage checks that f is still as Run read it and writes its new content
// to a temporary file next to it, with the same mode.
func stage(f FileChange) (string, error) {
	info, err := os.Stat(f.Path)
	if err != nil {
		return "", err
	}
	cur, err := os.ReadFile(f.Path)
	if err != nil {
		return "", err
	}
	if !bytes.Equal(cur, f.Old) {
		return "", fmt.Errorf("%s changed since it was read; run again", f.Path)
	}
	return writeTemp(f.Path, f.New, info.Mode().Perm())
}

func writeTemp(path string, data []byte, mode os.FileMode) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Chmod(mode)
	}
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(name)
		return "", werr
	}
	return name, nil
}

// rollback puts back the old content of the first n files.
func (r *Result) rollback(n int) error {
	var errs []error
	for _, f := range r.Files[:n] {
		info, err := os.Stat(f.Path)
		mode := os.FileMode(0o644)
		if err == nil {
			mode = info.Mode().Perm()
		}
		t, err := writeTemp(f.Path, f.Old, mode)
		if err == nil {
			err = os.Rename(t, f.Path)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("rolling back %s: %w", f.Path, err))
		}
	}
	return errors.Join(errs...)
}

// WriteOverlay writes the instrumented copies under dir and an overlay
// file dir/overlay.json for go build -overlay, and returns the overlay
// file's path. The sources are not touched.
func (r *Result) WriteOverlay(dir string) (string, error) {
	if len(r.Diagnostics) > 0 {
		return "", fmt.Errorf("refusing to write: %d diagnostic(s)", len(r.Diagnostics))
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	replace := map[string]string{}
	for _, f := range r.Files {
		rel := strings.TrimPrefix(filepath.ToSlash(f.Path), "/")
		rel = strings.ReplaceAll(rel, ":", "")
		dstPath := filepath.Join(abs, "src", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dstPath), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dstPath, f.New, 0o644); err != nil {
			return "", err
		}
		replace[f.Path] = dstPath
	}
	data, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(abs, "overlay.json")
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", err
	}
	return overlay, os.WriteFile(overlay, append(data, '\n'), 0o644)
}
