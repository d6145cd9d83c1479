package zipkin

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Stats are a tracer's counters. Once the reporter has been flushed or
// closed, Reported + TotalDropped() == Sampled for reporters that keep
// counts (the HTTP and batch reporters, the Recorder, the debug reporter).
type Stats struct {
	Started       uint64 // Start calls on an enabled tracer that made a sampling decision
	Sampled       uint64 // spans recorded (allocated and, once ended, reported)
	LateMutations uint64 // Tag, Annotate, Set* or End on an already ended span
	ReporterStats        // delivery counters; DropShutdown includes spans ended after Shutdown
}

// reporterWithStats is implemented by reporters that count deliveries.
type reporterWithStats interface{ ReporterStats() ReporterStats }

// Stats returns a snapshot of t's counters. A nil tracer has none.
func (t *Tracer) Stats() Stats {
	if t == nil {
		return Stats{}
	}
	sampled := t.sampled.Load()
	st := Stats{
		Started:       t.unsampled.Load() + sampled,
		Sampled:       sampled,
		LateMutations: t.late.Load(),
	}
	if r, ok := t.reporter.(reporterWithStats); ok {
		st.ReporterStats = r.ReporterStats()
	}
	st.Dropped[DropShutdown] += t.afterShutdown.Load()
	if t.pipeline != nil {
		st.Dropped[DropHandler] = t.pipeline.dropped.Load()
	}
	return st
}

// rateLimitedLog writes reporter errors, at most one line per interval; the lines it
// holds back are counted in the next one. Reporter errors repeat (a down
// collector fails every batch), and the traced program's stderr is not ours.
type rateLimitedLog struct {
	w        io.Writer
	interval time.Duration
	now      func() time.Time

	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func newRateLimitedLog(w io.Writer, interval time.Duration) *rateLimitedLog {
	if w == nil {
		w = os.Stderr
	}
	return &rateLimitedLog{w: w, interval: interval, now: time.Now}
}

// Log writes err unless a line was written less than an interval ago.
func (l *rateLimitedLog) Log(err error) {
	if l == nil || err == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if !l.last.IsZero() && now.Sub(l.last) < l.interval {
		l.suppressed++
		return
	}
	msg := strings.ReplaceAll(strings.TrimPrefix(err.Error(), "zipkin: "), "\n", "; ")
	if l.suppressed > 0 {
		msg += fmt.Sprintf(" (%d more errors since the last report)", l.suppressed)
	}
	fmt.Fprintf(l.w, "zipkin: sending spans: %s\n", msg)
	l.last, l.suppressed = now, 0
}
