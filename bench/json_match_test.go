package bench

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestTypicalSpansEncodeAlike guards the JSON benchmark's fairness: both
// libraries must encode the same span, field for field, except for what
// each clock or ID generator decides (span ID, timestamp, duration).
func TestTypicalSpansEncodeAlike(t *testing.T) {
	ours := decodeJSONObject(t, zipkin.AppendJSON(nil, oursTypicalSpan(t)))
	theirs, err := json.Marshal(zipkinGoTypicalSpan())
	if err != nil {
		t.Fatal(err)
	}
	peer := decodeJSONObject(t, theirs)
	for _, m := range []map[string]any{ours, peer} {
		for _, k := range []string{"id", "timestamp", "duration"} {
			if _, ok := m[k]; !ok {
				t.Errorf("encoding lacks %q: %v", k, m)
			}
			delete(m, k)
		}
	}
	if !reflect.DeepEqual(ours, peer) {
		t.Errorf("the benchmark's spans differ:\nzipkingen: %v\nzipkin-go: %v", ours, peer)
	}
}

func decodeJSONObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return m
}
