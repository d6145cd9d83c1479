package recvvalue

import (
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestGetRecordsTheReturnedError(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	s := Store{items: map[string]string{"a": "1"}}
	if v, err := s.Get(ctx, "a"); v != "1" || err != nil {
		t.Fatalf("Get(a) = %q, %v", v, err)
	}
	ok := zipkintest.Named(t, rec, "recvvalue.Store.Get")
	zipkintest.ChildOf(t, ok, p)
	zipkintest.NoTag(t, ok, "error")

	rec.Reset()
	if _, err := s.Get(ctx, "b"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(b) error = %v", err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "recvvalue.Store.Get"), "error", "not found")
}
