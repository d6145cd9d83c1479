package resultscustomerror

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestOnlyErrorTypedResultsAreRecorded(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if e := Concrete(ctx, true); e == nil || e.Code != 1 {
		t.Fatalf("Concrete(true) = %v", e)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "resultscustomerror.Concrete"), p)
	if n, err := Number(ctx); n != 5 || err == nil {
		t.Fatalf("Number = %v, %v", n, err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "resultscustomerror.Number"), "error", "number failed")
	if err, n := ErrorFirst(ctx); err == nil || n != 1 {
		t.Fatalf("ErrorFirst = %v, %d", err, n)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "resultscustomerror.ErrorFirst"), p)
}
