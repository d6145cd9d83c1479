package samplerate

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestSampleRateDecidesNewTraces(t *testing.T) {
	rec := zipkintest.Record(t) // records every trace the tracer decides
	Sweep()
	Everything()
	ctx, p := zipkintest.Parent(t)
	if err := Consume(ctx); err != nil {
		t.Fatal(err)
	}
	spans := rec.Spans()
	names := map[string]bool{}
	for _, s := range spans {
		names[s.Name] = true
	}
	if names["samplerate.Sweep"] {
		t.Error("sample=0 recorded a new trace")
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, "samplerate.Everything"))
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "consume"), p)
}
