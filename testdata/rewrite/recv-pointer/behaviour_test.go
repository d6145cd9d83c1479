package recvpointer

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestPointerReceivers(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	var c Counter
	if err := c.Add(ctx, 2, 5); err != nil || c.n != 2 {
		t.Fatalf("Add: n=%d err=%v", c.n, err)
	}
	add := zipkintest.Named(t, rec, "recvpointer.Counter.Add")
	zipkintest.ChildOf(t, add, p)
	zipkintest.HasTag(t, add, "delta", "2")
	zipkintest.NoTag(t, add, "error")

	rec.Reset()
	if err := c.Add(ctx, 9, 5); err == nil {
		t.Fatal("Add past max: no error")
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, "recvpointer.Counter.Add"), "error", "counter: 2+9 exceeds 5")

	c.Reset(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "recvpointer.Counter.Reset"), p)
	c.Value(ctx)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "counter.value"), p)
}
