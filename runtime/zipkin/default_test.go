package zipkin

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// defaultChildEnv switches TestDefaultChild into the child process of
// TestDefaultFromEnvironment: the only way to see Default() build itself
// from a fresh environment, since it does so once per process.
const defaultChildEnv = "ZIPKIN_TEST_DEFAULT_CHILD"

func TestDefaultChild(t *testing.T) {
	if os.Getenv(defaultChildEnv) != "1" {
		t.Skip("the child process of TestDefaultFromEnvironment")
	}
	defer Close()
	ctx, span := Start(context.Background(), "child.main")
	_, inner := Start(ctx, "child.inner")
	err := errors.New("inner failed")
	inner.End(&err)
	span.End(nil)
	fmt.Printf("enabled=%v service=%s\n", Default().Enabled(), Default().LocalEndpoint().ServiceName)
}

func TestDefaultFromEnvironment(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	tests := []struct {
		name       string
		env        []string
		wantStdout []string
		wantStderr []string
	}{
		{"unset", nil, []string{"enabled=false"}, nil},
		{"debug to stdout", []string{"ZIPKIN_ENDPOINT=stdout", "ZIPKIN_SERVICE_NAME=kid"},
			[]string{"enabled=true service=kid", "service kid · 2 spans", "└─ child.main", "child.inner", "✗ ERROR: inner failed"}, nil},
		{"bad value", []string{"ZIPKIN_ENDPOINT=stdout", "ZIPKIN_SAMPLE_RATE=lots"},
			[]string{"enabled=false"}, []string{"zipkin: tracing disabled: zipkin: ZIPKIN_SAMPLE_RATE=\"lots\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestDefaultChild$")
			cmd.Env = append(cleanEnv(), defaultChildEnv+"=1")
			cmd.Env = append(cmd.Env, tt.env...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("child failed: %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, &stdout)
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, &stderr)
				}
			}
			if tt.wantStderr == nil && strings.Contains(stderr.String(), "zipkin:") {
				t.Errorf("unexpected zipkin message on stderr:\n%s", &stderr)
			}
		})
	}
}

// cleanEnv is the environment without ZIPKIN_* variables, so that the
// developer's own settings do not leak into the child.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ZIPKIN_") {
			env = append(env, kv)
		}
	}
	return env
}

func TestPackageLevelFunctionsUseDefault(t *testing.T) {
	tr, rec := NewTestTracer()
	defer SetDefault(SetDefault(tr))
	r, span := StartRequest(httptest.NewRequest("GET", "/", nil), "handler")
	if SpanFromContext(r.Context()) != span || span == nil {
		t.Fatal("StartRequest did not use the default tracer")
	}
	span.End(nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	Close() // a second stop is a no-op
	_, late := Start(context.Background(), "late")
	late.End(nil)
	if len(rec.Spans()) != 1 || tr.Stats().Dropped[DropShutdown] != 1 {
		t.Errorf("after Shutdown: %d spans recorded, stats %+v", len(rec.Spans()), tr.Stats())
	}
}

func TestContextNodesDelegateAndPrint(t *testing.T) {
	parent, cancel := context.WithTimeout(context.Background(), time.Hour)
	sc := SpanContext{TraceID: TraceID{Low: 0xab}, ID: 0xcd, Sampling: Accept}
	remote := ContextWithSpanContext(parent, sc)
	if d1, ok1 := remote.Deadline(); !ok1 {
		t.Error("remote node lost the deadline")
	} else if d2, _ := parent.Deadline(); !d1.Equal(d2) {
		t.Error("remote node changed the deadline")
	}
	if remote.Done() != parent.Done() {
		t.Error("remote node has its own Done channel")
	}
	cancel()
	if !errors.Is(remote.Err(), context.Canceled) {
		t.Errorf("Err = %v", remote.Err())
	}
	if got := fmt.Sprint(remote); got != "zipkin.SpanContext(00000000000000ab/00000000000000cd)" {
		t.Errorf("remote node prints as %q", got)
	}
	tr, _ := NewTestTracer()
	ctx, span := tr.Start(remote, "x")
	defer span.End(nil)
	if got, want := fmt.Sprint(ctx), "zipkin.Span(00000000000000ab/"+span.Context().ID.String()+")"; got != want {
		t.Errorf("span node prints as %q, want %q", got, want)
	}
}
