package zipkin

import (
	"context"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// faultOptions are small enough that every fault fills the queue and runs
// out of retries within a second.
func faultOptions() ReporterOptions {
	return ReporterOptions{
		BatchSpans:    100,
		FlushInterval: 20 * time.Millisecond,
		QueueSpans:    20_000,
		QueueBytes:    1 << 20,
		Timeout:       500 * time.Millisecond,
		MaxRetries:    3,
		BackoffBase:   20 * time.Millisecond,
		BackoffMax:    200 * time.Millisecond,
		ErrorLog:      func(error) {},
	}
}

// spanProducer is traced code: a goroutine reporting spans in a loop, up to
// 20,000 a second, timing every Report.
type spanProducer struct {
	name       atomic.Pointer[string]
	sent       atomic.Int64
	latencies  []time.Duration // of every Report; read after Stop
	paused     sync.Mutex      // held while the test measures the heap
	stop, done chan struct{}
}

func startProducer(r Reporter, name string) *spanProducer {
	p := &spanProducer{stop: make(chan struct{}), done: make(chan struct{})}
	p.name.Store(&name)
	go func() {
		defer close(p.done)
		for {
			select {
			case <-p.stop:
				return
			default:
			}
			p.burst(r, 20)
			time.Sleep(time.Millisecond)
		}
	}()
	return p
}

func (p *spanProducer) burst(r Reporter, n int) {
	p.paused.Lock()
	defer p.paused.Unlock()
	name := *p.name.Load()
	for range n {
		s := newTestSpan(name)
		t0 := time.Now()
		r.Report(s)
		p.latencies = append(p.latencies, time.Since(t0))
		p.sent.Add(1)
	}
}

func (p *spanProducer) Stop() {
	close(p.stop)
	<-p.done
}

// latency returns the 99th percentile and the maximum Report latency.
func (p *spanProducer) latency() (p99, highest time.Duration) {
	l := slices.Clone(p.latencies)
	slices.Sort(l)
	if len(l) == 0 {
		return 0, 0
	}
	return l[len(l)*99/100], l[len(l)-1]
}

// heapWhilePaused measures the live heap with the producer paused, so that
// the forced collection does not show up as Report latency.
func (p *spanProducer) heapWhilePaused() int64 {
	p.paused.Lock()
	defer p.paused.Unlock()
	return heapInUse()
}

// heapInUse is the live heap after a collection.
func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// collectorFault describes one way for a collector to fail.
type collectorFault struct {
	start    func(c *fakeCollector) // the collector starts failing
	up       bool                   // the collector is listening at the start
	duration time.Duration
	options  func(o *ReporterOptions)
	check    func(t *testing.T, c *fakeCollector, st ReporterStats)
}

// runFault runs a producer against a collector that fails for a while and
// then recovers, and checks what every fault must preserve: Report never
// blocks, memory stays under the cap, spans flow again after recovery
// without a restart, and every reported span is accounted for exactly.
func runFault(t *testing.T, f collectorFault) {
	if testing.Short() {
		t.Skip("a fault test takes a few seconds")
	}
	c := newFakeCollector(t, f.up)
	o := faultOptions()
	if f.options != nil {
		f.options(&o)
	}
	rep, err := NewHTTPReporter(c.URL(), o)
	if err != nil {
		t.Fatal(err)
	}
	br := rep.(*batchReporter)
	defer rep.Close(context.Background())

	heapBefore := heapInUse()
	p := startProducer(rep, "during-fault")
	if f.up {
		time.Sleep(200 * time.Millisecond) // healthy for a while
	}
	if f.start != nil {
		f.start(c)
	}
	time.Sleep(f.duration)
	heapDuring := p.heapWhilePaused()
	faultStats := br.ReporterStats()

	// Recovery: the same reporter must deliver new spans again.
	c.Up()
	c.set(answerAccept)
	recovered := "after-recovery"
	p.name.Store(&recovered)
	if !pollUntil(10*time.Second, func() bool { _, names, _, _, _ := c.snapshot(); return names[recovered] >= 1000 }) {
		_, names, _, _, _ := c.snapshot()
		t.Errorf("after recovery the collector got only %d new spans in 10 s; stats %+v", names[recovered], br.ReporterStats())
	}
	p.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := rep.Flush(ctx); err != nil {
		t.Fatalf("Flush after recovery: %v", err)
	}
	st := br.ReporterStats()
	_, _, _, _, errs := c.snapshot()

	// Report must never wait for the network: had it waited for the
	// collector, most calls would take as long as a request (the fault
	// lasts a second, a request up to half of it). The bounds leave room
	// for what an overloaded machine does to any goroutine now and then
	// (descheduled threads, GC pauses under -race).
	p99, highest := p.latency()
	if p99 > 5*time.Millisecond || highest > f.duration/2 {
		t.Errorf("Report latency: 99th percentile %v, max %v, during a %v fault with request timeout %v",
			p99, highest, f.duration, o.Timeout)
	}
	if peak := br.peakBytes.Load(); peak > int64(o.QueueBytes) {
		t.Errorf("queued bytes reached %d, above QueueBytes %d", peak, o.QueueBytes)
	}
	// The queue's estimate, plus the fixed cost of a reporter (a gzip
	// compressor, batch buffers, slices), plus the test's own records.
	if growth := heapDuring - heapBefore; growth > 2*int64(o.QueueBytes)+3<<20 {
		t.Errorf("heap grew by %d bytes during the fault, QueueBytes is %d", growth, o.QueueBytes)
	}
	if faultStats.TotalDropped() == 0 {
		t.Errorf("the fault dropped nothing: it was not a fault (stats %+v)", faultStats)
	}
	if total := uint64(p.sent.Load()); st.Reported+st.TotalDropped() != total {
		t.Errorf("reported %d + dropped %d = %d, want %d spans sent", st.Reported, st.TotalDropped(), st.Reported+st.TotalDropped(), total)
	}
	// Delivery is at least once: a batch the collector accepted just as
	// the request timed out is sent again. But nothing counted as
	// reported may be missing.
	if got := c.accepted.Load(); uint64(got) < st.Reported {
		t.Errorf("collector accepted %d spans, fewer than the %d the reporter counts as reported", got, st.Reported)
	}
	if st.QueuedSpans != 0 || st.QueuedBytes != 0 {
		t.Errorf("after Flush the reporter still holds %d spans, %d bytes", st.QueuedSpans, st.QueuedBytes)
	}
	if len(errs) > 0 {
		t.Errorf("collector could not decode batches: %v", errs)
	}
	if f.check != nil {
		f.check(t, c, st)
	}
	t.Logf("sent %d, reported %d (collector got %d), dropped %v, requests %d, Report latency p99 %v max %v, heap +%d kB (QueueBytes %d kB)",
		p.sent.Load(), st.Reported, c.accepted.Load(), st.Dropped, st.Requests, p99, highest, (heapDuring-heapBefore)>>10, o.QueueBytes>>10)
}

func TestFaultCollectorDownFromStart(t *testing.T) {
	runFault(t, collectorFault{duration: time.Second})
}

func TestFaultCollectorDownMidRun(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: (*fakeCollector).Down})
}

func TestFaultSlowerThanTimeout(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: func(c *fakeCollector) {
		c.delay.Store(int64(3 * faultOptions().Timeout))
		c.set(answerSlow)
	}})
}

func TestFaultStatus500(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second,
		start: func(c *fakeCollector) { c.answer(http.StatusInternalServerError, "") },
		check: func(t *testing.T, c *fakeCollector, st ReporterStats) {
			if st.Dropped[DropRetriesExhausted] == 0 {
				t.Errorf("500 never exhausted the retries: %+v", st)
			}
		}})
}

func TestFaultStatus429RetryAfter(t *testing.T) {
	var from time.Time
	runFault(t, collectorFault{up: true, duration: 2500 * time.Millisecond,
		options: func(o *ReporterOptions) { o.BackoffMax = 2 * time.Second },
		start: func(c *fakeCollector) {
			c.answer(http.StatusTooManyRequests, "1")
			from = time.Now()
		},
		check: func(t *testing.T, c *fakeCollector, st ReporterStats) {
			times, _, _, _, _ := c.snapshot()
			var during []time.Time
			for _, at := range times {
				if at.After(from) && at.Before(from.Add(2500*time.Millisecond)) {
					during = append(during, at)
				}
			}
			if len(during) < 2 {
				t.Fatalf("only %d requests while the collector answered 429", len(during))
			}
			for i := 1; i < len(during); i++ {
				if gap := during[i].Sub(during[i-1]); gap < 900*time.Millisecond {
					t.Errorf("request %d came %v after the one answered 429 with Retry-After: 1", i, gap)
				}
			}
		}})
}

func TestFaultStatus400(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second,
		start: func(c *fakeCollector) { c.answer(http.StatusBadRequest, "") },
		check: func(t *testing.T, c *fakeCollector, st ReporterStats) {
			if st.Dropped[DropRejected] == 0 || st.Dropped[DropRejected] > uint64(c.rejected.Load()) {
				t.Errorf("dropped %d spans as rejected, collector rejected %d", st.Dropped[DropRejected], c.rejected.Load())
			}
			if n := c.resentAfter400.Load(); n > 0 {
				t.Errorf("%d batches were sent again after the collector answered 400", n)
			}
			if st.Dropped[DropRetriesExhausted] != 0 {
				t.Errorf("400 was retried: %+v", st)
			}
		}})
}

func TestFaultConnectionReset(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: func(c *fakeCollector) { c.set(answerReset) }})
}

func TestFaultHugeResponseBody(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: func(c *fakeCollector) { c.set(answerHugeBody) }})
}

func TestFaultSlowlorisHeaders(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: func(c *fakeCollector) { c.set(answerSlowHeaders) }})
}

func TestFaultHugeResponseHeaders(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: func(c *fakeCollector) { c.set(answerHugeHeaders) }})
}

func TestFaultGarbageResponse(t *testing.T) {
	runFault(t, collectorFault{up: true, duration: time.Second, start: func(c *fakeCollector) { c.set(answerGarbage) }})
}

// pollUntil polls cond until it holds or d passes.
func pollUntil(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}
