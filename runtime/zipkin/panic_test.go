package zipkin

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// tracedPanic is a traced function in the generated shape that panics.
func tracedPanic(tr *Tracer, v any) (err error) {
	_, span := tr.Start(context.Background(), "tracedPanic")
	defer span.End(&err)
	panic(v)
}

// catch runs f and returns what it panicked with.
func catch(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

type panicValue struct{ code int }

func TestEndRecordsPanicAndRepanicsWithSameValue(t *testing.T) {
	errBoom := errors.New("boom")
	pv := &panicValue{code: 7}
	tests := []struct {
		name    string
		value   any
		wantTag string
	}{
		{"string", "bad state", "bad state"},
		{"error", errBoom, "boom"},
		{"pointer", pv, "&{7}"},
		{"int", 42, "42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, rec := NewTestTracer()
			got := catch(func() { _ = tracedPanic(tr, tt.value) })
			if got != tt.value {
				t.Errorf("re-panicked with %#v, want the original %#v", got, tt.value)
			}
			if tag := onlySpan(t, rec).Tags["error"]; tag != tt.wantTag {
				t.Errorf("error tag = %q, want %q", tag, tt.wantTag)
			}
		})
	}
}

func TestEndPanicNil(t *testing.T) {
	tr, rec := NewTestTracer()
	got := catch(func() { _ = tracedPanic(tr, nil) })
	var pe *runtime.PanicNilError
	if e, ok := got.(error); !ok || !errors.As(e, &pe) {
		t.Fatalf("re-panicked with %#v, want *runtime.PanicNilError", got)
	}
	if tag := onlySpan(t, rec).Tags["error"]; tag != pe.Error() {
		t.Errorf("error tag = %q, want %q", tag, pe.Error())
	}
}

func TestNilSpanEndLeavesPanicUntouched(t *testing.T) {
	var disabled *Tracer
	got := catch(func() { _ = tracedPanic(disabled, "through") })
	if got != "through" {
		t.Errorf("panic = %#v, want it to pass through a nil span's End", got)
	}
}

// repanicEnv switches TestRepanicChild into the crashing child process of
// TestRepanicTracebackShowsOrigin.
const repanicEnv = "ZIPKIN_TEST_REPANIC_CHILD"

func TestRepanicChild(t *testing.T) {
	if os.Getenv(repanicEnv) != "1" {
		t.Skip("the child process of TestRepanicTracebackShowsOrigin")
	}
	tr, _ := NewTestTracer()
	_ = originalPanicker(tr) // crashes the process
}

//go:noinline
func originalPanicker(tr *Tracer) (err error) {
	_, span := tr.Start(context.Background(), "originalPanicker")
	defer span.End(&err)
	var m map[string]int
	//lint:ignore SA5000 the panic is the point
	m["x"] = 1 // a runtime panic, as a real bug would raise
	return nil
}

// TestRepanicTracebackShowsOrigin checks what a user sees when a traced
// function panics and nothing recovers: the crash output still names the
// function that panicked, not only End.
func TestRepanicTracebackShowsOrigin(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRepanicChild$")
	cmd.Env = append(os.Environ(), repanicEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("child exited cleanly; output:\n%s", out)
	}
	text := string(out)
	panicLine := lineOf(t, "panic_test.go", `m["x"] = 1`)
	for _, want := range []string{
		"assignment to entry in nil map",
		"zipkin.originalPanicker(",
		"panic_test.go:" + strconv.Itoa(panicLine) + " ",
		"zipkin.(*Span).End(",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("traceback lacks %q:\n%s", want, text)
		}
	}
}

// lineOf returns the 1-based line of the first line of file containing text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line containing %q", file, text)
	return 0
}
