package recoveruser

import (
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUserRecoverComesFirst(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	err := Safe(ctx, func() { panic("boom") })
	if err == nil || err.Error() != "recovered: boom" {
		t.Fatalf("Safe = %v", err)
	}
	s := zipkintest.Named(t, rec, "recoveruser.Safe")
	zipkintest.ChildOf(t, s, p)
	zipkintest.HasTag(t, s, "error", "recovered: boom")

	Swallow(ctx)
	zipkintest.NoTag(t, zipkintest.Named(t, rec, "recoveruser.Swallow"), "error")
}

func TestPanicIsRecordedAndReraised(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if v := mustPanic(t, func() { Crash(ctx, "no way") }); v != "no way" {
		t.Errorf("Crash panicked with %#v, want the original value", v)
	}
	c := zipkintest.Named(t, rec, "recoveruser.Crash")
	zipkintest.ChildOf(t, c, p)
	zipkintest.HasTag(t, c, "error", "no way")

	v := mustPanic(t, func() { _ = CrashError(ctx) })
	if err, ok := v.(error); !ok || err.Error() != "crash 7" || errors.Unwrap(err) != nil {
		t.Errorf("CrashError panicked with %#v, want the original error", v)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "recoveruser.CrashError"), "error", "crash 7")
}

// mustPanic calls f and returns the value it panicked with.
func mustPanic(t *testing.T, f func()) (v any) {
	t.Helper()
	defer func() { v = recover() }()
	f()
	t.Fatal("did not panic")
	return nil
}
