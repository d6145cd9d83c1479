package genericfunc

import (
	"context"
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestGenericFunctions(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Sum(ctx, 1.5, 2, 3); got != 6.5 {
		t.Errorf("Sum = %v", got)
	}
	sum := zipkintest.Named(t, rec, "genericfunc.Sum")
	zipkintest.ChildOf(t, sum, p)
	zipkintest.HasTag(t, sum, "count", "3")

	var inF zipkin.SpanContext
	_, err := MapErr(ctx, []int{1, -1}, func(ctx context.Context, v int) (string, error) {
		inF, _ = zipkin.SpanContextFromContext(ctx)
		if v < 0 {
			return "", errors.New("negative")
		}
		return "ok", nil
	})
	if err == nil {
		t.Fatal("MapErr: no error")
	}
	m := zipkintest.Named(t, rec, "genericfunc.MapErr")
	zipkintest.ChildOf(t, m, p)
	zipkintest.HasTag(t, m, "error", "map\nnegative")
	if inF.ID != m.ID {
		t.Errorf("f saw span %v, want MapErr's %v", inF.ID, m.ID)
	}
}
