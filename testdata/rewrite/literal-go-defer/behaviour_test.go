package literalgodefer

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestGoAndDeferLiterals(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	out := make(chan string, 3)
	Run(ctx, out)
	close(out)
	var got []string
	for s := range out {
		got = append(got, s)
	}
	if len(got) != 3 || got[2] != "cleanup" {
		t.Errorf("messages %q, want run and worker, then cleanup", got)
	}
	run := zipkintest.Named(t, rec, "literalgodefer.Run")
	zipkintest.ChildOf(t, run, p)
	// The goroutine's span ends after its deferred wg.Done: it may be
	// recorded after Run returned.
	worker := zipkintest.Await(t, rec, "literalgodefer.Run.func1")
	zipkintest.ChildOfSpan(t, worker, run)
	if worker.Kind != zipkin.Producer {
		t.Errorf("worker kind %v, want producer", worker.Kind)
	}
	// The deferred literal has no context parameter: it starts from the ctx
	// it captures, Run's span context (engine bf50a32), not a detached root.
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "cleanup"), run)
}
