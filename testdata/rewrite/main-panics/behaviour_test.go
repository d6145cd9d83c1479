package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestMainRecordsItsPanicAndFlushes(t *testing.T) {
	rec := zipkintest.Record(t)
	if v := mustPanic(t, main); v != "main gave up" {
		t.Errorf("main panicked with %#v", v)
	}
	m := zipkintest.Named(t, rec, "main.main")
	zipkintest.IsRoot(t, m)
	zipkintest.HasTag(t, m, "error", "main gave up")
	w := zipkintest.Named(t, rec, "main.work")
	zipkintest.IsRoot(t, w) // called with context.Background(), not main's span
	if !strings.HasPrefix(w.Tags["error"], "work ") {
		t.Errorf("work error tag %q", w.Tags["error"])
	}
	// The generated defer zipkin.Close() shut the default tracer down after
	// main's span was reported: later spans are dropped, not recorded.
	_, s := zipkin.StartRoot("after")
	s.End(nil)
	if n := len(rec.Spans()); n != 2 {
		t.Errorf("%d spans after Close, want 2", n)
	}
}

// TestProcessDiesWithTheOriginalPanic builds and runs the command: it must
// exit like an untraced program that panics (status 2, the original frame
// in the traceback), and the debug reporter must have printed main's span
// with its error before the process died.
func TestProcessDiesWithTheOriginalPanic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	bin := filepath.Join(t.TempDir(), "mainpanics")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "ZIPKIN_ENDPOINT=stdout", "ZIPKIN_SERVICE_NAME=mainpanics")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit: %v, want status 2\nstderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "panic: main gave up") {
		t.Errorf("stderr lacks the panic message:\n%s", stderr.String())
	}
	// The traceback still points at the user's panic call.
	if at := panicLine(t); !strings.Contains(stderr.String(), at) {
		t.Errorf("traceback lacks the original frame %s:\n%s", at, stderr.String())
	}
	for _, want := range []string{"main.main", "main gave up", "main.work", "work 1 failed"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("debug trace output lacks %q:\n%s", want, stdout.String())
		}
	}
}

// panicLine returns "main.go:N" for the line of main's panic call, which
// differs between the input and the instrumented output.
func panicLine(t *testing.T) string {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, `panic("main gave up")`) {
			return fmt.Sprintf("main.go:%d", i+1)
		}
	}
	t.Fatal("no panic call in main.go")
	return ""
}

// mustPanic calls f and returns the value it panicked with.
func mustPanic(t *testing.T, f func()) (v any) {
	t.Helper()
	defer func() { v = recover() }()
	f()
	t.Fatal("did not panic")
	return nil
}
