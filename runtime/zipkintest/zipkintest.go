// Package zipkintest helps test instrumented code: it installs an in-memory
// recorder as the default tracer for one test and checks what was recorded
// (names, parents, tags). The project's golden behaviour tests use it, and so
// can users' tests of their own //zipkin:trace functions.
package zipkintest

import (
	"context"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// Record makes a recording tracer the default for the rest of the test and
// returns its recorder; the previous default comes back on cleanup.
func Record(t testing.TB) *zipkin.Recorder {
	t.Helper()
	tr, rec := zipkin.NewTestTracer()
	prev := zipkin.SetDefault(tr)
	t.Cleanup(func() { zipkin.SetDefault(prev) })
	return rec
}

// Parent starts a span named "test.parent" with the default tracer, to call
// traced code under; it ends on cleanup. It returns the span's context and
// identity.
func Parent(t testing.TB) (context.Context, zipkin.SpanContext) {
	t.Helper()
	ctx, span := zipkin.Start(context.Background(), "test.parent")
	t.Cleanup(func() { span.End(nil) })
	return ctx, span.Context()
}

// Named returns the one recorded span called name, failing the test now
// when there is none or more than one.
func Named(t testing.TB, rec *zipkin.Recorder, name string) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	var all []string
	for _, s := range rec.Spans() {
		all = append(all, s.Name)
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans named %q, want 1; recorded %q", len(found), name, all)
	}
	return found[0]
}

// Await is Named for a span that another goroutine ends. A traced
// goroutine's span ends after the goroutine's own deferred calls, such as
// the wg.Done that lets the code under test return, so it can be recorded
// a moment after that code returned. Await waits up to 10 seconds for a
// span called name, then checks as Named does.
func Await(t testing.TB, rec *zipkin.Recorder, name string) zipkin.RecordedSpan {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if recorded(rec, name) {
			break
		}
	}
	return Named(t, rec, name)
}

func recorded(rec *zipkin.Recorder, name string) bool {
	for _, s := range rec.Spans() {
		if s.Name == name {
			return true
		}
	}
	return false
}

// ChildOf checks that s is a child of the span p.
func ChildOf(t testing.TB, s zipkin.RecordedSpan, p zipkin.SpanContext) {
	t.Helper()
	if s.TraceID != p.TraceID || s.ParentID != p.ID {
		t.Errorf("span %q: trace %v parent %v, want a child of span %v in trace %v",
			s.Name, s.TraceID, s.ParentID, p.ID, p.TraceID)
	}
}

// ChildOfSpan checks that s is a child of the recorded span p.
func ChildOfSpan(t testing.TB, s, p zipkin.RecordedSpan) {
	t.Helper()
	ChildOf(t, s, zipkin.SpanContext{TraceID: p.TraceID, ID: p.ID})
}

// IsRoot checks that s started a new trace.
func IsRoot(t testing.TB, s zipkin.RecordedSpan) {
	t.Helper()
	if s.ParentID != 0 {
		t.Errorf("span %q has parent %v, want a new root", s.Name, s.ParentID)
	}
}

// HasTag checks one tag's value.
func HasTag(t testing.TB, s zipkin.RecordedSpan, key, want string) {
	t.Helper()
	got, ok := s.Tags[key]
	switch {
	case !ok:
		t.Errorf("span %q has no tag %q; tags %q", s.Name, key, s.Tags)
	case got != want:
		t.Errorf("span %q: tag %q = %q, want %q", s.Name, key, got, want)
	}
}

// NoTag checks that s has no tag key.
func NoTag(t testing.TB, s zipkin.RecordedSpan, key string) {
	t.Helper()
	if v, ok := s.Tags[key]; ok {
		t.Errorf("span %q: unexpected tag %q = %q", s.Name, key, v)
	}
}
