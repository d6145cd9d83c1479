package taglazy

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// With tracing off, no directive expression runs: Bump is not called, the
// channel keeps its value (an empty one would block), and a nil user does
// not panic the traced function.
func TestNothingEvaluatedWhenTracingIsOff(t *testing.T) {
	defer zipkin.SetDefault(zipkin.SetDefault(nil))
	c := &Counter{}
	ch := make(chan string, 1)
	ch <- "kept"
	if got := Handle(context.Background(), c, nil, ch); got != "done" {
		t.Fatalf("Handle = %q", got)
	}
	if c.N != 0 {
		t.Errorf("Bump called %d time(s) with tracing off", c.N)
	}
	if len(ch) != 1 {
		t.Error("the channel was received from with tracing off")
	}
}

// An unsampled trace evaluates nothing either.
func TestNothingEvaluatedWhenUnsampled(t *testing.T) {
	zero := 0.0
	tr, err := zipkin.New(zipkin.Options{ServiceName: "test", Reporter: zipkin.NewRecorder(), SampleRate: &zero})
	if err != nil {
		t.Fatal(err)
	}
	defer zipkin.SetDefault(zipkin.SetDefault(tr))
	c := &Counter{}
	if got := Handle(context.Background(), c, nil, make(chan string)); got != "done" {
		t.Fatalf("Handle = %q", got)
	}
	if c.N != 0 {
		t.Errorf("Bump called %d time(s) for an unsampled trace", c.N)
	}
}

// A recording span evaluates every value, once.
func TestEvaluatedWhenRecording(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	c := &Counter{}
	ch := make(chan string, 1)
	ch <- "v"
	Handle(ctx, c, &User{ID: 7}, ch)
	s := zipkintest.Named(t, rec, "taglazy.Handle")
	for k, v := range map[string]string{"calls": "1", "user.id": "7", "const": "yes", "received": "v", "out": "done"} {
		zipkintest.HasTag(t, s, k, v)
	}
	if c.N != 1 || len(ch) != 0 {
		t.Errorf("Bump called %d time(s), %d value(s) left in the channel", c.N, len(ch))
	}
}
