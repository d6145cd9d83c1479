package nilsources

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// calls runs every function with a nil source and checks that each still
// reports ErrNil itself instead of panicking.
func calls(t *testing.T) {
	t.Helper()
	if _, err := RoundTrip(nil); !errors.Is(err, ErrNil) {
		t.Errorf("RoundTrip(nil) = %v", err)
	}
	if err := Recv(nil); !errors.Is(err, ErrNil) {
		t.Errorf("Recv(nil) = %v", err)
	}
	if err := Close(nil); !errors.Is(err, ErrNil) {
		t.Errorf("Close(nil) = %v", err)
	}
	// go-github's Client.Do rejects a nil context with an error of its own:
	// the body must still see nil (TestDo_nilContext).
	var nilCtx context.Context
	if !Work(nilCtx) {
		t.Error("Work(nil): the body saw a non-nil context")
	}
}

func TestNilSourcesTracingOff(t *testing.T) {
	off, err := zipkin.New(zipkin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer zipkin.SetDefault(zipkin.SetDefault(off))
	calls(t)
}

func TestNilSourcesTracingOn(t *testing.T) {
	rec := record(t)
	calls(t)
	// A hand-built request has a nil Header: an empty one, not a crash (B11).
	if resp, err := RoundTrip(new(http.Request)); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("RoundTrip(new(http.Request)) = %v, %v", resp, err)
	}
	rec.Reset()
	calls(t)
	for _, name := range []string{"nilsources.RoundTrip", "nilsources.Recv", "nilsources.Close"} {
		isRoot(t, named(t, rec, name))
	}
	hasTag(t, named(t, rec, "nilsources.RoundTrip"), "error", "nil argument")
}

// record installs a test tracer as the default tracer for the rest of the
// test and returns the recorder its spans go to.
func record(t *testing.T) *zipkin.Recorder {
	t.Helper()
	tr, rec := zipkin.NewTestTracer()
	prev := zipkin.SetDefault(tr)
	t.Cleanup(func() { zipkin.SetDefault(prev) })
	return rec
}

// named returns the one recorded span called name.
func named(t *testing.T, rec *zipkin.Recorder, name string) zipkin.RecordedSpan {
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

// isRoot checks that s started a new trace.
func isRoot(t *testing.T, s zipkin.RecordedSpan) {
	t.Helper()
	if s.ParentID != 0 {
		t.Errorf("span %q has parent %v, want a new root", s.Name, s.ParentID)
	}
}

// hasTag checks one tag's value.
func hasTag(t *testing.T, s zipkin.RecordedSpan, key, want string) {
	t.Helper()
	got, ok := s.Tags[key]
	switch {
	case !ok:
		t.Errorf("span %q has no tag %q; tags %q", s.Name, key, s.Tags)
	case got != want:
		t.Errorf("span %q: tag %q = %q, want %q", s.Name, key, got, want)
	}
}
