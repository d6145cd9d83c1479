package rewrite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Temporary files are named .NAME.zipkingen-PID-RANDOM next to the file
// they replace: hidden, and recognisable by a later run, which removes
// those whose process is gone (a run killed by SIGKILL or a power cut
// cannot remove its own). Earlier versions wrote .NAME.zipkingen-RANDOM,
// without the process; those are removed once they are a minute old.
var (
	tempName       = regexp.MustCompile(`^\..+\.zipkingen-([0-9]+)-[0-9]+$`)
	legacyTempName = regexp.MustCompile(`^\..+\.go\.zipkingen-[0-9]+$`)
)

// legacyTempAge is how old a temporary file without a process must be
// before a run removes it: no run takes that long to stage and rename.
const legacyTempAge = time.Minute

func tempPattern(path string) string {
	return "." + filepath.Base(path) + ".zipkingen-" + strconv.Itoa(os.Getpid()) + "-*"
}

// removeStaleTemps removes the temporary files that interrupted runs left
// in dirs and returns their paths.
func removeStaleTemps(dirs []string) []string {
	var removed []string
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, ent := range entries {
			if !ent.Type().IsRegular() || !staleTemp(ent) {
				continue
			}
			p := filepath.Join(dir, ent.Name())
			if os.Remove(p) == nil {
				removed = append(removed, p)
			}
		}
	}
	sort.Strings(removed)
	return removed
}

func staleTemp(ent os.DirEntry) bool {
	if m := tempName.FindStringSubmatch(ent.Name()); m != nil {
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid == os.Getpid() {
			return false
		}
		if processGone(pid) {
			return true
		}
		info, err := ent.Info()
		return err == nil && !processCheckable && time.Since(info.ModTime()) > legacyTempAge
	}
	if legacyTempName.MatchString(ent.Name()) {
		info, err := ent.Info()
		return err == nil && time.Since(info.ModTime()) > legacyTempAge
	}
	return false
}

// packageDirs returns the directories of the loaded packages that are the
// user's (see foreign), where Commit may clean up.
func (e *engine) packageDirs() []string {
	seen := map[string]bool{}
	var dirs []string
	for _, p := range e.pkgs {
		for _, f := range append(append([]string(nil), p.GoFiles...), p.IgnoredFiles...) {
			d := filepath.Dir(f)
			if seen[d] || foreign(p, f) != "" {
				continue
			}
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	return dirs
}

// pauser is a hook for the tests that interrupt a run at a chosen point:
// with ZIPKINGEN_TEST_PAUSE=stage:N or rename:N, Commit says so on stderr
// before staging (or renaming) its Nth file (from 0) and waits there, up
// to a minute, for ctx to end or for the process to be killed.
type pauser struct {
	step string
	n    int
}

func testPause() pauser {
	step, n, ok := strings.Cut(os.Getenv("ZIPKINGEN_TEST_PAUSE"), ":")
	i, err := strconv.Atoi(n)
	if !ok || err != nil {
		return pauser{}
	}
	return pauser{step, i}
}

func (p pauser) at(ctx context.Context, step string, i int) {
	if p.step != step || p.n != i {
		return
	}
	fmt.Fprintf(os.Stderr, "zipkingen-test: paused at %s %d\n", step, i)
	select {
	case <-ctx.Done():
	case <-time.After(time.Minute):
	}
}
