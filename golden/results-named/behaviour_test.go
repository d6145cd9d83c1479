package resultsnamed

import (
	"strconv"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestNamedResults(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if n, err := Parse(ctx, "12"); n != 12 || err != nil {
		t.Fatalf("Parse(12) = %d, %v", n, err)
	}
	ok := zipkintest.Named(t, rec, "resultsnamed.Parse")
	zipkintest.ChildOf(t, ok, p)
	zipkintest.NoTag(t, ok, "error")

	rec.Reset()
	_, err := Parse(ctx, "x")
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "resultsnamed.Parse"), "error", err.Error())

	if _, _, e := Split(ctx, ""); e != strconv.ErrSyntax {
		t.Fatalf("Split error %v", e)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "resultsnamed.Split"), "error", "invalid syntax")
}
