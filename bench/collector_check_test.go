package bench

import (
	"net/http"
	"strings"
	"testing"
)

// TestCollectorCountsAndRejects guards the throughput benchmark's judge:
// it counts the spans of a well-formed batch and refuses a junk one.
func TestCollectorCountsAndRejects(t *testing.T) {
	c := newCollector(t)
	batch := `[{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312"},` +
		`{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d313"}]`
	for _, tc := range []struct {
		body string
		want int
	}{
		{batch, http.StatusAccepted},               // the first batch is fully decoded
		{`[{"traceId":}]`, http.StatusBadRequest},  // not JSON, caught by the full check
		{`{"traceId":"x"}`, http.StatusBadRequest}, // not a list
	} {
		c.requests.Store(0) // every batch of this test gets the full check
		resp, err := http.Post(c.URL(), "application/json", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("POST %s: status %d, want %d", tc.body, resp.StatusCode, tc.want)
		}
	}
	if got := c.spans.Load(); got != 2 {
		t.Errorf("collector counted %d spans, want 2", got)
	}
}
