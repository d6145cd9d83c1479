package zipkinslog

import (
	"sync"
	"time"
)

const defaultAnnotateRate = 100

// bucket is a token bucket: it refills at rate tokens per second up to
// burst, and each mirrored record takes one.
type bucket struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(rate float64, burst int) *bucket {
	if !(rate > 0) {
		rate = defaultAnnotateRate
	}
	b := float64(burst)
	if burst <= 0 {
		b = max(rate, 1)
	}
	return &bucket{rate: rate, burst: b, tokens: b}
}

// take reports whether a token was available at now (the record's time, so
// that tests need no sleeps). Time going backwards refills nothing.
func (b *bucket) take(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.last.IsZero() {
		b.last = now
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(b.burst, b.tokens+elapsed*b.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
