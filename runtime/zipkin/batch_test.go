package zipkin

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordingTransport is a custom Transport that keeps every body it is
// given and fails as told.
type recordingTransport struct {
	mu     sync.Mutex
	bodies [][]byte
	fail   func(attempt int) error
}

func (rt *recordingTransport) Send(ctx context.Context, body []byte, contentType string) error {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.bodies = append(rt.bodies, append([]byte(nil), body...))
	if rt.fail != nil {
		return rt.fail(len(rt.bodies))
	}
	return nil
}

func (rt *recordingTransport) sent() [][]byte {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([][]byte(nil), rt.bodies...)
}

func newTestBatchReporter(t *testing.T, rt Transport, o ReporterOptions) *batchReporter {
	t.Helper()
	if o.ErrorLog == nil {
		o.ErrorLog = func(error) {}
	}
	rep, err := NewBatchReporter(rt, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rep.Close(context.Background()) })
	return rep.(*batchReporter)
}

// spansIn counts the spans of a JSON batch by their trace IDs.
func spansIn(body []byte) int { return strings.Count(string(body), `"traceId"`) }

func TestBatchReporterBatchesByCount(t *testing.T) {
	rt := &recordingTransport{}
	r := newTestBatchReporter(t, rt, ReporterOptions{BatchSpans: 10, FlushInterval: time.Hour})
	reportSpans(r, 35, "count")
	flushReporter(t, r)
	var sizes []int
	for _, b := range rt.sent() {
		sizes = append(sizes, spansIn(b))
	}
	if len(sizes) != 4 || sizes[0] != 10 || sizes[1] != 10 || sizes[2] != 10 || sizes[3] != 5 {
		t.Errorf("batches of %v spans, want [10 10 10 5]", sizes)
	}
}

func TestBatchReporterBatchesByBytes(t *testing.T) {
	one := len(AppendJSON(nil, newTestSpan("bytes")))
	// Room for three spans, brackets and commas, with slack for spans a
	// few bytes longer (timestamps and durations vary), not for a fourth.
	limit := 3*one + 4 + 16
	rt := &recordingTransport{}
	r := newTestBatchReporter(t, rt, ReporterOptions{BatchBytes: limit, FlushInterval: time.Hour})
	reportSpans(r, 20, "bytes")
	flushReporter(t, r)
	total := 0
	for _, b := range rt.sent() {
		if len(b) > limit {
			t.Errorf("a batch of %d bytes, over BatchBytes %d", len(b), limit)
		}
		if n := spansIn(b); n != 3 && total+n != 20 {
			t.Errorf("a batch of %d spans, want 3 (the last may be smaller)", n)
		}
		total += spansIn(b)
	}
	if total != 20 {
		t.Errorf("%d spans sent, want 20", total)
	}
}

func TestBatchReporterDropsSpanLargerThanBatch(t *testing.T) {
	rt := &recordingTransport{}
	r := newTestBatchReporter(t, rt, ReporterOptions{BatchBytes: 2048})
	reportSpans(r, 2, "small")
	_, big := batchTestTracer().Start(context.Background(), "big")
	big.Tag("payload", strings.Repeat("x", 4096))
	big.End(nil)
	r.Report(big)
	reportSpans(r, 2, "small")
	flushReporter(t, r)
	st := r.ReporterStats()
	if st.Dropped[DropEncoding] != 1 || st.Reported != 4 {
		t.Errorf("stats %+v, want the big span dropped (encoding) and 4 reported", st)
	}
	if !strings.Contains(st.LastError, "BatchBytes") {
		t.Errorf("last error %q does not say why", st.LastError)
	}
}

func TestBatchReporterPermanentErrorIsNotRetried(t *testing.T) {
	rt := &recordingTransport{fail: func(int) error {
		return &SendError{Permanent: true, Err: errors.New("no such queue")}
	}}
	r := newTestBatchReporter(t, rt, ReporterOptions{BatchSpans: 5, FlushInterval: time.Hour})
	reportSpans(r, 15, "rejected")
	flushReporter(t, r)
	if n := len(rt.sent()); n != 3 {
		t.Errorf("%d Send calls for 3 batches rejected for good, want 3", n)
	}
	if st := r.ReporterStats(); st.Dropped[DropRejected] != 15 {
		t.Errorf("stats %+v, want 15 rejected", st)
	}
}

func TestBatchReporterRetriesThenGivesUp(t *testing.T) {
	rt := &recordingTransport{fail: func(int) error { return errors.New("queue unavailable") }}
	r := newTestBatchReporter(t, rt, ReporterOptions{MaxRetries: 2, BackoffBase: time.Millisecond, BackoffMax: 2 * time.Millisecond, FlushInterval: time.Hour})
	reportSpans(r, 4, "retried")
	flushReporter(t, r)
	if n := len(rt.sent()); n != 3 {
		t.Errorf("%d Send calls, want 1 + MaxRetries (2)", n)
	}
	if st := r.ReporterStats(); st.Dropped[DropRetriesExhausted] != 4 || st.Requests != 0 || st.BytesSent != 0 {
		t.Errorf("stats %+v, want 4 spans dropped after 3 attempts, none of which reached the collector", st)
	}
}

func TestBatchReporterRetrySucceeds(t *testing.T) {
	rt := &recordingTransport{fail: func(attempt int) error {
		if attempt < 3 {
			return errors.New("flaky")
		}
		return nil
	}}
	r := newTestBatchReporter(t, rt, ReporterOptions{BackoffBase: time.Millisecond, BackoffMax: 2 * time.Millisecond, FlushInterval: time.Hour})
	reportSpans(r, 4, "flaky")
	flushReporter(t, r)
	if st := r.ReporterStats(); st.Reported != 4 || st.TotalDropped() != 0 || st.Requests != 1 {
		t.Errorf("stats %+v, want 4 reported on the third attempt, the one request that reached the collector", st)
	}
	sent := rt.sent()
	if len(sent) != 3 || string(sent[0]) != string(sent[2]) {
		t.Error("a retry did not resend the same batch")
	}
}

func TestBatchReporterNegativeMaxRetriesDisablesRetries(t *testing.T) {
	rt := &recordingTransport{fail: func(int) error { return errors.New("down") }}
	r := newTestBatchReporter(t, rt, ReporterOptions{MaxRetries: -1})
	reportSpans(r, 1, "once")
	flushReporter(t, r)
	if n := len(rt.sent()); n != 1 {
		t.Errorf("%d Send calls with retries disabled, want 1", n)
	}
}

func TestBatchReporterQueueCaps(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	stalled := transportFunc(func(ctx context.Context, _ []byte, _ string) error {
		select {
		case <-block:
		case <-ctx.Done():
		}
		return ctx.Err()
	})
	logged := &errorLines{}
	r := newTestBatchReporter(t, stalled, ReporterOptions{BatchSpans: 10, QueueSpans: 100, Timeout: time.Minute,
		FlushInterval: 10 * time.Millisecond, ErrorLog: logged.log})
	reportSpans(r, 150, "capped")
	st := r.ReporterStats()
	if st.QueuedSpans != 100 || st.Dropped[DropQueueFull] != 50 {
		t.Errorf("stats %+v, want 100 queued and 50 dropped (QueueSpans 100)", st)
	}

	// The drops are logged once per FlushInterval: a tick during
	// reportSpans splits them over two lines, which must add up.
	if !pollUntil(5*time.Second, func() bool { return logged.queueDrops() == 50 }) {
		t.Errorf("queue drops logged %d times in all, want 50; logged %q", logged.queueDrops(), logged.all())
	}

	size := spanQueueSize(newTestSpan("capped"))
	r2 := newTestBatchReporter(t, stalled, ReporterOptions{BatchSpans: 10, QueueBytes: int(10 * size), Timeout: time.Minute})
	reportSpans(r2, 15, "capped")
	st = r2.ReporterStats()
	if st.QueuedSpans != 10 || st.QueuedBytes != uint64(10*size) || st.Dropped[DropQueueFull] != 5 {
		t.Errorf("stats %+v, want 10 queued (%d bytes) and 5 dropped", st, 10*size)
	}
}

type transportFunc func(ctx context.Context, body []byte, contentType string) error

func (f transportFunc) Send(ctx context.Context, body []byte, contentType string) error {
	return f(ctx, body, contentType)
}

func TestSpanQueueSizeCountsStrings(t *testing.T) {
	small := spanQueueSize(newTestSpan("s"))
	_, s := batchTestTracer().Start(context.Background(), "s")
	for i := range 10 {
		s.Tag(strings.Repeat("k", i+1), strings.Repeat("v", 1000))
	}
	s.Annotate(strings.Repeat("a", 500))
	s.End(nil)
	if big := spanQueueSize(s); big < small+10*1000+500 {
		t.Errorf("a span with 10.5 kB of strings is estimated at %d bytes, a bare one at %d", big, small)
	}
}

func TestNewBatchReporterRejectsNilTransport(t *testing.T) {
	if r, err := NewBatchReporter(nil, ReporterOptions{}); err == nil || r != nil {
		t.Errorf("NewBatchReporter(nil) = %v, %v; want an error", r, err)
	}
}

func TestReporterOptionsValidate(t *testing.T) {
	if err := (ReporterOptions{}).validate(); err != nil {
		t.Errorf("zero options: %v", err)
	}
	err := ReporterOptions{Encoding: 7, BatchSpans: -1, QueueBytes: -1, Timeout: -time.Second, BackoffMax: -1}.validate()
	for _, want := range []string{"Encoding", "BatchSpans", "QueueBytes", "Timeout", "BackoffMax"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %s", err, want)
		}
	}
	for _, o := range []ReporterOptions{
		{BatchSpans: 500, QueueSpans: 100},
		{BackoffBase: time.Minute, BackoffMax: time.Second},
		{FlushInterval: time.Microsecond},
	} {
		if err := o.validate(); err == nil {
			t.Errorf("%+v: want an error", o)
		}
	}
	if _, err := NewHTTPReporter("http://127.0.0.1:1", ReporterOptions{BatchSpans: -1}); err == nil {
		t.Error("NewHTTPReporter accepted invalid options")
	}
}

func TestReporterOptionsDefaults(t *testing.T) {
	d := ReporterOptions{}.withDefaults()
	if d.BatchSpans != DefaultBatchSpans || d.QueueBytes != DefaultQueueBytes || d.FlushInterval != DefaultFlushInterval ||
		d.Timeout != DefaultTimeout || d.MaxRetries != DefaultMaxRetries || d.BackoffMax != DefaultBackoffMax {
		t.Errorf("defaults not applied: %+v", d)
	}
	if d := (ReporterOptions{MaxRetries: -3}).withDefaults(); d.MaxRetries != 0 {
		t.Errorf("MaxRetries -3 became %d, want 0 (no retries)", d.MaxRetries)
	}
}

func TestBackoffDelay(t *testing.T) {
	base, limit := 100*time.Millisecond, 2*time.Second
	for attempt := range 70 {
		want := limit
		if attempt < 5 {
			want = base << attempt
		}
		for range 20 {
			d := backoffDelay(attempt, base, limit, 0)
			if d < want/2 || d > want {
				t.Fatalf("attempt %d: %v, want in [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
	if d := backoffDelay(0, base, limit, time.Second); d != time.Second {
		t.Errorf("Retry-After 1s gave %v", d)
	}
	if d := backoffDelay(0, base, limit, time.Hour); d != limit {
		t.Errorf("Retry-After 1h gave %v, want the cap %v", d, limit)
	}
	if d := backoffDelay(4, base, limit, time.Millisecond); d < 800*time.Millisecond {
		t.Errorf("a short Retry-After shortened the backoff to %v", d)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"5", 5 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"99999999999999999999999", maxRetryAfter, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"Sun, 22 Nov 2026 01:00:30 GMT", 30 * time.Second, true},
		{"Sunday, 22-Nov-26 01:01:00 GMT", time.Minute, true},
		{"Sun, 22 Nov 2026 00:59:00 GMT", 0, true},
		{"Tue, 22 Nov 2126 01:00:00 GMT", maxRetryAfter, true},
		{"Sun, 32 Nov 2026 01:00:30 GMT", 0, false},
	} {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestStatusError(t *testing.T) {
	now := time.Now()
	for _, code := range []int{200, 201, 202, 204} {
		if err := statusError(code, "", now); err != nil {
			t.Errorf("%d: %v, want success", code, err)
		}
	}
	for _, code := range []int{300, 304, 400, 401, 403, 404, 408, 413, 415} {
		var se *SendError
		if err := statusError(code, "3", now); !errors.As(err, &se) || !se.Permanent || se.StatusCode != code || se.RetryAfter != 0 {
			t.Errorf("%d: %#v, want a permanent SendError", code, err)
		}
	}
	for _, code := range []int{429, 500, 502, 503, 504} {
		var se *SendError
		if err := statusError(code, "3", now); !errors.As(err, &se) || se.Permanent || se.RetryAfter != 3*time.Second {
			t.Errorf("%d: %#v, want a retryable SendError honouring Retry-After", code, err)
		}
	}
}

func TestBatchReporterSurvivesPanickingTransport(t *testing.T) {
	panicky := transportFunc(func(context.Context, []byte, string) error { panic("broken queue client") })
	r := newTestBatchReporter(t, panicky, ReporterOptions{})
	reportSpans(r, 3, "panic")
	flushReporter(t, r)
	if st := r.ReporterStats(); st.Dropped[DropRejected] != 3 || !strings.Contains(st.LastError, "broken queue client") {
		t.Errorf("stats %+v, want 3 spans rejected and the panic as the last error", st)
	}
}

// TestBatchReporterAccountingUnderConcurrentClose reports from several
// goroutines while Close runs with a deadline that cuts a slow transport
// short: every span handed to Report must end up counted exactly once.
func TestBatchReporterAccountingUnderConcurrentClose(t *testing.T) {
	slow := transportFunc(func(ctx context.Context, _ []byte, _ string) error {
		select {
		case <-time.After(20 * time.Millisecond):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	r := newTestBatchReporter(t, slow, ReporterOptions{BatchSpans: 50, QueueSpans: 2000, FlushInterval: 5 * time.Millisecond})
	spans := []*Span{newTestSpan("a"), newTestSpan("b")}
	var sent atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				r.Report(spans[(g+i)%2])
				sent.Add(1)
				if i%100 == 0 {
					time.Sleep(100 * time.Microsecond)
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	r.Close(ctx)                      // either outcome will do; the counts must add up
	time.Sleep(20 * time.Millisecond) // Reports after Close
	close(stop)
	wg.Wait()
	st := r.ReporterStats()
	if got := st.Reported + st.TotalDropped(); got != uint64(sent.Load()) {
		t.Errorf("reported %d + dropped %v = %d, want %d", st.Reported, st.Dropped, got, sent.Load())
	}
	if st.Dropped[DropShutdown] == 0 {
		t.Errorf("no span counted as dropped at shutdown: %+v", st)
	}
}

// errorLines collects what a reporter logs.
type errorLines struct {
	mu    sync.Mutex
	lines []string
}

func (e *errorLines) log(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lines = append(e.lines, err.Error())
}

func (e *errorLines) all() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.lines...)
}

// queueDrops adds up N over the lines "dropped N spans: the queue was full".
func (e *errorLines) queueDrops() int {
	total := 0
	for _, l := range e.all() {
		var n int
		if _, err := fmt.Sscanf(l, "dropped %d spans: the queue was full", &n); err == nil {
			total += n
		}
	}
	return total
}

// TestBatchReporterShrinksAfterBacklog checks that the queue's slices,
// grown by a backlog (a stalled collector), go back to their usual size
// once it drains, so that memory returns to its baseline after an outage.
func TestBatchReporterShrinksAfterBacklog(t *testing.T) {
	release := make(chan struct{})
	stalled := transportFunc(func(ctx context.Context, _ []byte, _ string) error {
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	r := newTestBatchReporter(t, stalled, ReporterOptions{BatchSpans: 10, QueueSpans: 10_000, Timeout: time.Minute,
		FlushInterval: time.Hour})
	reportSpans(r, 5_000, "backlog")
	r.mu.Lock()
	grown := cap(r.pending)
	r.mu.Unlock()
	if grown < 1_000 {
		t.Fatalf("pending holds %d spans' room during the stall, want a backlog", grown)
	}
	close(release)
	flushReporter(t, r)
	reportSpans(r, 5, "after")
	flushReporter(t, r)
	r.mu.Lock()
	pending, spare := cap(r.pending), cap(r.spare)
	r.mu.Unlock()
	if limit := 4 * 10; pending > limit || spare > limit {
		t.Errorf("after the backlog: pending cap %d, spare cap %d; want at most %d", pending, spare, limit)
	}
	if st := r.ReporterStats(); st.Reported != 5_005 {
		t.Errorf("stats %+v, want all 5005 reported", st)
	}
}
