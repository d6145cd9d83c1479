package zipkinexpvar

import (
	"context"
	"encoding/json"
	"expvar"
	"io"
	"strings"
	"testing"
	"time"

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

// last_error carries the delivery error with the collector URL redacted:
// no password, no query value.
func TestLastErrorIsRedacted(t *testing.T) {
	tr, err := zipkin.New(zipkin.Options{
		ServiceName: "svc",
		Endpoint:    "http://user:HUNTER2@127.0.0.1:1/api/v2/spans?api-key=HUNTER2",
		ErrorOutput: io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	prev := zipkin.SetDefault(tr)
	defer zipkin.SetDefault(prev)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = tr.Shutdown(ctx)
	}()
	_, s := zipkin.Start(context.Background(), "x")
	s.End(nil)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_ = tr.Flush(ctx)
	deadline := time.Now().Add(10 * time.Second)
	for tr.Stats().LastError == "" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	published := expvar.Get("zipkin").String()
	last, _ := Map(tr.Stats())["last_error"].(string)
	if last == "" || !strings.Contains(published, "api-key=xxxxx") {
		t.Fatalf("last_error = %q, published %s", last, published)
	}
	if strings.Contains(published, "HUNTER2") || strings.Contains(last, "HUNTER2") {
		t.Errorf("last_error prints the secret: %s", published)
	}
}
