package zipkinexpvar

import (
	"context"
	"encoding/json"
	"expvar"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestPublishesDefaultTracerStats(t *testing.T) {
	tr, _ := zipkin.NewTestTracer()
	prev := zipkin.SetDefault(tr)
	defer zipkin.SetDefault(prev)
	_, s := zipkin.Start(context.Background(), "x")
	s.End(nil)
	s.Tag("late", "x")
	v := expvar.Get("zipkin")
	if v == nil {
		t.Fatal("expvar zipkin not published")
	}
	var got struct {
		Started, Sampled, Reported uint64
		Late                       uint64            `json:"late_mutations"`
		Dropped                    map[string]uint64 `json:"dropped"`
	}
	if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
		t.Fatalf("expvar zipkin is not JSON: %v\n%s", err, v.String())
	}
	if got.Started != 1 || got.Sampled != 1 || got.Reported != 1 || got.Late != 1 {
		t.Errorf("expvar zipkin = %s", v.String())
	}
	if _, ok := got.Dropped["queue_full"]; !ok || got.Dropped["shutdown"] != 0 || len(got.Dropped) < 5 {
		t.Errorf("dropped = %v, want every reason by name", got.Dropped)
	}
}
