package zipkin

import (
	"sync/atomic"
	"time"
)

// The span clock. A span needs the wall clock once, for its timestamp, and
// the monotonic clock for its duration and annotations. time.Now reads
// both, which on common virtual machines costs as much as the rest of a
// sampled Start; so spans read only the monotonic clock and derive the
// wall time from an offset that is re-read from time.Now at most every
// clockResync. A step of the system clock (NTP, a resumed VM) therefore
// reaches timestamps within clockResync, while durations never see it.
// (NTP's gradual slewing applies to both clocks alike.)

// clockBase is the monotonic origin of monoNow.
var clockBase = time.Now()

// clockResync bounds how long a wall-clock step goes unnoticed.
const clockResync = int64(100 * time.Millisecond)

var (
	// wallOffset is the Unix time in nanoseconds at monoNow() == 0.
	wallOffset atomic.Int64
	// nextResync is the monoNow() value at which wallOffset is re-read.
	nextResync atomic.Int64
)

func init() { resyncClock() }

// monoNow returns monotonic nanoseconds since clockBase: one clock read.
func monoNow() int64 { return int64(time.Since(clockBase)) }

// wallNanos converts a monoNow value to Unix nanoseconds, re-reading the
// wall clock when the offset is older than clockResync.
func wallNanos(mono int64) int64 {
	if mono >= nextResync.Load() {
		resyncClock()
	}
	return mono + wallOffset.Load()
}

// resyncClock re-reads the wall clock. Concurrent calls are harmless: each
// stores an offset read from the clock.
func resyncClock() {
	now := time.Now()
	mono := int64(now.Sub(clockBase)) // monotonic: both carry a reading
	wallOffset.Store(now.UnixNano() - mono)
	nextResync.Store(mono + clockResync)
}
