//go:build unix

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The interrupt tests run this test binary as zipkingen in a child
// process (TestMain, ZIPKINGEN_TEST_AS_MAIN) and stop it where
// ZIPKINGEN_TEST_PAUSE makes Commit wait: before staging or before
// renaming its Nth file.

const interruptFiles = 40

// interruptModule writes a module with interruptFiles traced files and
// returns its directory and the files' original contents.
func interruptModule(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	if err := writeModule(dir, goEnv(t)); err != nil {
		t.Fatal(err)
	}
	orig := map[string]string{}
	for i := range interruptFiles {
		name := fmt.Sprintf("f%02d.go", i)
		src := fmt.Sprintf("package app\n\nimport \"context\"\n\n//zipkin:trace\nfunc F%d(ctx context.Context) {}\n", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		orig[name] = src
	}
	return dir, orig
}

// startPaused starts zipkingen in dir and returns once it has paused at
// pause.
func startPaused(t *testing.T, dir, pause string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-v")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), goEnv(t)...), "ZIPKINGEN_TEST_AS_MAIN=1", "ZIPKINGEN_TEST_PAUSE="+pause)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var rest bytes.Buffer
	paused := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		found := false
		for sc.Scan() {
			if !found && strings.HasPrefix(sc.Text(), "zipkingen-test: paused") {
				found = true
				paused <- true
				continue
			}
			if found {
				rest.WriteString(sc.Text() + "\n")
			}
		}
		if !found {
			paused <- false
		}
	}()
	select {
	case ok := <-paused:
		if !ok {
			cmd.Wait()
			t.Fatal("zipkingen ended without pausing")
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("zipkingen did not pause")
	}
	return cmd, &rest
}

// temps lists the temporary files zipkingen left in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.zipkingen-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// SIGTERM and SIGHUP while staging are caught like an interrupt: the
// staged files are removed and nothing is written.
func TestSignalWhileStagingWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir, orig := interruptModule(t)
			cmd, stderr := startPaused(t, dir, "stage:20")
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != exitError {
				t.Errorf("exit %d (%v), want %d", code, err, exitError)
			}
			if !strings.Contains(stderr.String(), "interrupted; nothing written") {
				t.Errorf("stderr: %s", stderr)
			}
			if left := temps(t, dir); len(left) > 0 {
				t.Errorf("%d temporary files left, e.g. %s", len(left), left[0])
			}
			for name, src := range orig {
				if data, _ := os.ReadFile(filepath.Join(dir, name)); string(data) != src {
					t.Errorf("%s was written", name)
				}
			}
		})
	}
}

// SIGKILL in the middle of the renames leaves every file whole (old or
// new) and the staged files of those not renamed yet; the next run
// removes and reports them, and finishes the job.
func TestKillWhileRenamingLeavesWholeFilesAndTheNextRunCleansUp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir, orig := interruptModule(t)
	cmd, _ := startPaused(t, dir, "rename:15")
	cmd.Process.Kill()
	cmd.Wait()
	renamed := 0
	for name, src := range orig {
		data, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case err != nil:
			t.Fatal(err)
		case string(data) == src:
		case strings.Contains(string(data), "zipkin.Start(ctx") && strings.HasSuffix(string(data), "}\n"):
			renamed++
		default:
			t.Errorf("%s is neither the old nor the new file:\n%s", name, data)
		}
	}
	left := temps(t, dir)
	if renamed != 15 || len(left) != interruptFiles-15 {
		t.Fatalf("%d files renamed, %d temporary files left; want 15 and %d", renamed, len(left), interruptFiles-15)
	}

	again := exec.Command(os.Args[0])
	again.Dir = dir
	again.Env = append(append(os.Environ(), goEnv(t)...), "ZIPKINGEN_TEST_AS_MAIN=1")
	out, err := again.CombinedOutput()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	want := fmt.Sprintf("zipkingen: removed %d temporary files left by an interrupted run (", len(left))
	if !strings.Contains(string(out), want) {
		t.Errorf("second run says:\n%s\nwant %q", out, want)
	}
	if left := temps(t, dir); len(left) > 0 {
		t.Errorf("%d temporary files still there", len(left))
	}
	for name := range orig {
		if data, _ := os.ReadFile(filepath.Join(dir, name)); !strings.Contains(string(data), "zipkin.Start(ctx") {
			t.Errorf("%s not instrumented by the second run", name)
		}
	}
}
