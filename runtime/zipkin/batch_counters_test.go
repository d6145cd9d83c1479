package zipkin

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// Requests and BytesSent count what reached the collector: a failed dial
// is not a request sent, an answered 503 is.
func TestCountersCountWhatReachedTheCollector(t *testing.T) {
	rt := &recordingTransport{fail: func(attempt int) error {
		switch attempt {
		case 1:
			return errors.New("dial tcp: connection refused")
		case 2:
			return &SendError{StatusCode: 503, Err: errors.New("collector answered 503")}
		}
		return nil
	}}
	r := newTestBatchReporter(t, rt, ReporterOptions{BackoffBase: time.Millisecond, BackoffMax: 2 * time.Millisecond, FlushInterval: time.Hour})
	reportSpans(r, 3, "counted")
	flushReporter(t, r)
	sent := rt.sent()
	if len(sent) != 3 {
		t.Fatalf("%d Send calls, want 3", len(sent))
	}
	st := r.ReporterStats()
	if st.Requests != 2 || st.BytesSent != uint64(len(sent[1])+len(sent[2])) || st.Reported != 3 {
		t.Errorf("stats %+v, want 2 requests (the 503 and the success) of %d bytes", st, len(sent[1])+len(sent[2]))
	}
}

// Against a port nobody listens on, nothing is sent, and nothing counts.
func TestCountersOfAnUnreachableCollector(t *testing.T) {
	rep, err := NewHTTPReporter("http://127.0.0.1:1/api/v2/spans", ReporterOptions{
		MaxRetries: 1, BackoffBase: time.Millisecond, BackoffMax: 2 * time.Millisecond,
		FlushInterval: time.Hour, ErrorLog: func(error) {},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close(context.Background())
	r := rep.(*batchReporter)
	reportSpans(r, 3, "unreachable")
	flushReporter(t, r)
	if st := r.ReporterStats(); st.Requests != 0 || st.BytesSent != 0 || st.Dropped[DropRetriesExhausted] != 3 {
		t.Errorf("stats %+v, want 3 spans dropped and no request or byte counted", st)
	}
}

// stuckTransport answers nothing until its context ends, and counts its
// calls and those made when the reporter had already given up.
type stuckTransport struct{ calls, late atomic.Int64 }

func (s *stuckTransport) Send(ctx context.Context, body []byte, contentType string) error {
	s.calls.Add(1)
	if ctx.Err() != nil {
		s.late.Add(1)
	}
	<-ctx.Done()
	return ctx.Err()
}

// Once Shutdown has given up and returned, the sender does not work
// through the batches still queued: no Send call happens after it.
func TestNothingIsSentAfterShutdownReturns(t *testing.T) {
	st := &stuckTransport{}
	r := newTestBatchReporter(t, st, ReporterOptions{BatchSpans: 1, FlushInterval: time.Millisecond, Timeout: time.Hour})
	reportSpans(r, 5, "stuck")
	deadline := time.Now().Add(5 * time.Second)
	for st.calls.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := r.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close = %v, want the deadline", err)
	}
	calls := st.calls.Load()
	time.Sleep(200 * time.Millisecond)
	if n := st.calls.Load(); n != calls || st.late.Load() > 0 {
		t.Errorf("%d Send call(s) after Shutdown returned, %d after it gave up", n-calls, st.late.Load())
	}
	if s := r.ReporterStats(); s.Dropped[DropShutdown] != 5 || s.Requests != 0 {
		t.Errorf("stats %+v, want the 5 spans dropped at shutdown and no request counted", s)
	}
}
