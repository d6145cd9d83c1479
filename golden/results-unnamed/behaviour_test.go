package resultsunnamed

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUnnamedResultsKeepTheirValues(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	buf := make([]byte, 8)
	if n, err := Read(ctx, strings.NewReader("abc"), buf); n != 3 || err != nil {
		t.Fatalf("Read = %d, %v", n, err)
	}
	r := zipkintest.Named(t, rec, "resultsunnamed.Read")
	zipkintest.ChildOf(t, r, p)
	zipkintest.NoTag(t, r, "error")

	rec.Reset()
	if _, err := Read(ctx, iotest.ErrReader(errors.New("disk on fire")), buf); err == nil {
		t.Fatal("Read: no error")
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "resultsunnamed.Read"), "error", "disk on fire")

	if err := Only(ctx, true); err == nil {
		t.Fatal("Only(true): no error")
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "resultsunnamed.Only"), "error", "only failed")

	if n, s := NoError(ctx); n != 1 || s != "one" {
		t.Errorf("NoError = %d, %q", n, s)
	}
	zipkintest.NoTag(t, zipkintest.Named(t, rec, "resultsunnamed.NoError"), "error")

	if _, _, err := Three(ctx); err != io.ErrUnexpectedEOF {
		t.Errorf("Three error %v", err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "resultsunnamed.Three"), "error", "unexpected EOF")
}
