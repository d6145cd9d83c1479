package nilsources

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
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
	rec := zipkintest.Record(t)
	calls(t)
	// A hand-built request has a nil Header: an empty one, not a crash (B11).
	if resp, err := RoundTrip(new(http.Request)); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("RoundTrip(new(http.Request)) = %v, %v", resp, err)
	}
	rec.Reset()
	calls(t)
	for _, name := range []string{"nilsources.RoundTrip", "nilsources.Recv", "nilsources.Close"} {
		zipkintest.IsRoot(t, zipkintest.Named(t, rec, name))
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "nilsources.RoundTrip"), "error", "nil argument")
}
