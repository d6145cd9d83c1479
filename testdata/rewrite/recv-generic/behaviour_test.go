package recvgeneric

import (
	"context"
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestGenericReceiverNamesAndParents(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	var inLoad zipkin.SpanContext
	c := New(func(ctx context.Context, k string) (int, error) {
		inLoad, _ = zipkin.SpanContextFromContext(ctx)
		if k == "" {
			return 0, errors.New("empty key")
		}
		return len(k), nil
	})
	if v, err := c.Get(ctx, "abc"); v != 3 || err != nil {
		t.Fatalf("Get = %d, %v", v, err)
	}
	get := zipkintest.Named(t, rec, "recvgeneric.Cache.Get")
	zipkintest.ChildOf(t, get, p)
	if inLoad.ID != get.ID {
		t.Errorf("loader saw span %v, want Get's span %v", inLoad.ID, get.ID)
	}

	rec.Reset()
	if _, err := c.Get(ctx, ""); err == nil {
		t.Fatal("no error for empty key")
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "recvgeneric.Cache.Get"), "error", "empty key")

	if n := c.Len(ctx); n != 1 {
		t.Errorf("Len = %d", n)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "recvgeneric.Cache.Len"), p)
	if got := (Pair[int]{1, 2}).Swap(ctx); got != (Pair[int]{2, 1}) {
		t.Errorf("Swap = %v", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "recvgeneric.Pair.Swap"), p)
}
