package zipkin

import (
	"context"
	"testing"
)

// StartIn keeps an unsampled decision in the caller's node, and is Start
// otherwise.
func TestStartIn(t *testing.T) {
	never := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	always := newTracer(t, Options{Reporter: NewRecorder()})
	bg := context.Background()
	upstream := SpanContext{TraceID: TraceID{Low: 7}, ID: 9, Sampling: Deny}

	for _, tc := range []struct {
		name string
		t    *Tracer
		opts []StartOption
	}{
		{"new root, denied", never, nil},
		{"remote parent's deny", always, []StartOption{WithParent(upstream)}},
		{"bare deny", always, []StartOption{WithParent(SpanContext{Sampling: Deny})}},
		{"rule denies", always, []StartOption{WithSampler(nil)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n DecisionNode
			ctx, span := tc.t.StartIn(&n, bg, "x", tc.opts...)
			if span != nil {
				t.Fatal("sampled")
			}
			if ctx != &n.n {
				t.Fatalf("context %v, want the caller's node", ctx)
			}
			sc, ok := SpanContextFromContext(ctx)
			if !ok || !sc.IsValid() || sc.Sampling != Deny {
				t.Errorf("decision in the node: %+v %v", sc, ok)
			}
			if len(tc.opts) > 0 && tc.opts[0].parent.IsValid() && sc.TraceID != upstream.TraceID {
				t.Errorf("trace %v, want the parent's %v", sc.TraceID, upstream.TraceID)
			}
			if st := tc.t.Stats(); st.Started == st.Sampled {
				t.Error("the unsampled Start was not counted")
			}
		})
	}

	var n DecisionNode
	if ctx, span := always.StartIn(&n, bg, "x"); span == nil || ctx == &n.n {
		t.Error("a sampled StartIn did not start a span of its own")
	} else {
		span.End(nil)
	}
	parentCtx := ContextWithSpanContext(bg, upstream)
	if ctx, span := always.StartIn(&n, parentCtx, "x"); span != nil || ctx != parentCtx {
		t.Error("under a denied parent in ctx, StartIn did not return ctx as it is")
	}
	var disabled *Tracer
	if ctx, span := disabled.StartIn(&n, bg, "x"); span != nil || ctx != bg {
		t.Error("a disabled StartIn did something")
	}
}

func TestStartInAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	never := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	upstream := WithParent(SpanContext{TraceID: TraceID{Low: 7}, ID: 9})
	n := new(DecisionNode)
	if got := testing.AllocsPerRun(100, func() { never.StartIn(n, context.Background(), "x", upstream) }); got != 0 {
		t.Errorf("%v allocations for an unsampled StartIn, want 0", got)
	}
}
