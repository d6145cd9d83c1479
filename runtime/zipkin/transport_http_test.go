package zipkin

import (
	"testing"
	"time"
)

// FuzzParseRetryAfter feeds Retry-After values a hostile collector could
// send: parsing never panics and never yields a delay outside [0, 24 h].
func FuzzParseRetryAfter(f *testing.F) {
	for _, seed := range []string{"", "0", "120", "-1", "1e9", "99999999999999999999999",
		"Sun, 22 Nov 2026 01:00:30 GMT", "Sunday, 22-Nov-26 01:01:00 GMT", "Sun Nov 22 01:00:30 2026"} {
		f.Add(seed)
	}
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if d < 0 || d > maxRetryAfter || (!ok && d != 0) {
			t.Errorf("parseRetryAfter(%q) = %v, %v", v, d, ok)
		}
	})
}
