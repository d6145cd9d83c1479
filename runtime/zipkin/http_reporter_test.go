package zipkin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// newTestHTTPReporter builds an HTTP reporter for c and closes it when the
// test ends.
func newTestHTTPReporter(t *testing.T, c *fakeCollector, o ReporterOptions) *batchReporter {
	t.Helper()
	if o.ErrorLog == nil {
		o.ErrorLog = func(error) {}
	}
	rep, err := NewHTTPReporter(c.URL(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		rep.Close(ctx)
	})
	return rep.(*batchReporter)
}

func flushReporter(t *testing.T, r Reporter) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

func reportSpans(r Reporter, n int, name string) []*Span {
	spans := make([]*Span, n)
	for i := range spans {
		spans[i] = newTestSpan(name)
		r.Report(spans[i])
	}
	return spans
}

func TestHTTPReporterJSONBatchDecodes(t *testing.T) {
	c := newFakeCollector(t, true)
	c.keepBodies.Store(true)
	r := newTestHTTPReporter(t, c, ReporterOptions{FlushInterval: time.Hour, Compression: CompressGzip})
	spans := reportSpans(r, 25, "json")
	flushReporter(t, r)

	_, _, types, encodings, errs := c.snapshot()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if types["application/json"] != 1 || len(types) != 1 {
		t.Errorf("content types %v, want exactly application/json", types)
	}
	if encodings["gzip"] != 1 || len(encodings) != 1 {
		t.Errorf("content encodings %v, want gzip", encodings)
	}
	bodies := c.kept()
	if len(bodies) != 1 {
		t.Fatalf("%d requests, want 1 batch", len(bodies))
	}
	var got []wireJSONSpan
	if err := json.Unmarshal(bodies[0], &got); err != nil {
		t.Fatalf("batch is not a JSON array of spans: %v\n%s", err, bodies[0])
	}
	if len(got) != len(spans) {
		t.Fatalf("batch has %d spans, want %d", len(got), len(spans))
	}
	for i, s := range spans {
		sc := s.Context()
		if got[i].TraceID != sc.TraceID.String() || got[i].ID != sc.ID.String() || got[i].Name != "json" {
			t.Errorf("span %d = %+v, want trace %s id %s", i, got[i], sc.TraceID, sc.ID)
		}
		if got[i].Tags["http.method"] != "GET" || got[i].Duration < 1 {
			t.Errorf("span %d lost its tags or duration: %+v", i, got[i])
		}
	}
	if st := r.ReporterStats(); st.Reported != 25 || st.Requests != 1 || st.BytesSent == 0 {
		t.Errorf("stats %+v, want 25 reported in 1 request", st)
	}
}

// TestHTTPReporterCompression checks which bodies are gzipped: the fake
// collector listens on 127.0.0.1, so CompressAuto sends plain bodies.
func TestHTTPReporterCompression(t *testing.T) {
	for _, tc := range []struct {
		c        Compression
		encoding string
	}{{CompressAuto, ""}, {CompressNone, ""}, {CompressGzip, "gzip"}} {
		t.Run(tc.c.String(), func(t *testing.T) {
			c := newFakeCollector(t, true)
			c.keepBodies.Store(true)
			r := newTestHTTPReporter(t, c, ReporterOptions{Compression: tc.c, FlushInterval: time.Hour})
			reportSpans(r, 3, "plain")
			flushReporter(t, r)
			_, _, _, encodings, _ := c.snapshot()
			if encodings[tc.encoding] != 1 || len(encodings) != 1 {
				t.Errorf("content encodings %v, want %q", encodings, tc.encoding)
			}
			if tc.encoding != "" {
				return
			}
			if b := c.kept(); len(b) != 1 || !bytes.HasPrefix(b[0], []byte(`[{"traceId":`)) {
				t.Errorf("uncompressed body %q", b)
			}
		})
	}
}

func TestCompressionByHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": false, "LOCALHOST.": false, "api.localhost": false,
		"127.0.0.1": false, "127.3.2.1": false, "::1": false, "::ffff:127.0.0.1": false,
		"zipkin": true, "10.0.0.7": true, "::2": true, "localhost.example": true, "": true,
	} {
		if got := CompressAuto.gzipFor(host); got != want {
			t.Errorf("auto gzips for %q: %v, want %v", host, got, want)
		}
		if !CompressGzip.gzipFor(host) || CompressNone.gzipFor(host) {
			t.Errorf("gzip/none do not override auto for %q", host)
		}
	}
	if _, err := NewHTTPReporter("http://127.0.0.1:9411", ReporterOptions{Compression: 9}); err == nil {
		t.Error("unknown Compression accepted")
	}
}

func TestHTTPReporterGzipSavesBytes(t *testing.T) {
	c := newFakeCollector(t, true)
	r := newTestHTTPReporter(t, c, ReporterOptions{Compression: CompressGzip})
	reportSpans(r, 500, "gzip")
	flushReporter(t, r)
	raw := 0
	for range 500 {
		raw += len(AppendJSON(nil, newTestSpan("gzip"))) + 1
	}
	if st := r.ReporterStats(); st.BytesSent == 0 || st.BytesSent > uint64(raw)/3 {
		t.Errorf("sent %d bytes for %d bytes of JSON: not compressed", st.BytesSent, raw)
	}
}

func TestHTTPReporterProto3(t *testing.T) {
	c := newFakeCollector(t, true)
	c.keepBodies.Store(true)
	r := newTestHTTPReporter(t, c, ReporterOptions{Encoding: Proto3, FlushInterval: time.Hour})
	spans := reportSpans(r, 12, "proto")
	flushReporter(t, r)
	_, _, types, _, errs := c.snapshot()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if types["application/x-protobuf"] != 1 || len(types) != 1 {
		t.Errorf("content types %v, want exactly application/x-protobuf", types)
	}
	var want []byte
	for _, s := range spans {
		want = AppendProto(want, s)
	}
	if b := c.kept(); len(b) != 1 || !bytes.Equal(b[0], want) {
		t.Errorf("proto3 body is not the ListOfSpans of the reported spans, in order")
	}
	if got := c.accepted.Load(); got != 12 {
		t.Errorf("collector counted %d spans, want 12", got)
	}
}

func TestHTTPReporterFlushSendsPartialBatchAtOnce(t *testing.T) {
	c := newFakeCollector(t, true)
	r := newTestHTTPReporter(t, c, ReporterOptions{FlushInterval: time.Hour})
	reportSpans(r, 7, "partial")
	flushReporter(t, r) // would wait an hour for the interval
	if got := c.accepted.Load(); got != 7 {
		t.Errorf("collector has %d spans after Flush, want 7", got)
	}
}

func TestHTTPReporterFlushIntervalSendsWithoutFlush(t *testing.T) {
	c := newFakeCollector(t, true)
	r := newTestHTTPReporter(t, c, ReporterOptions{FlushInterval: 20 * time.Millisecond})
	reportSpans(r, 3, "interval")
	if !pollUntil(5*time.Second, func() bool { return c.accepted.Load() == 3 }) {
		t.Errorf("collector has %d of 3 spans, FlushInterval did not send them", c.accepted.Load())
	}
}

func TestHTTPReporterCloseDelivers(t *testing.T) {
	c := newFakeCollector(t, true)
	r := newTestHTTPReporter(t, c, ReporterOptions{FlushInterval: time.Hour})
	reportSpans(r, 40, "close")
	if err := r.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := c.accepted.Load(); got != 40 {
		t.Errorf("collector has %d spans after Close, want 40", got)
	}
	select {
	case <-r.exited:
	case <-time.After(time.Second):
		t.Error("the sender goroutine is still running after Close")
	}
	r.Report(newTestSpan("late"))
	st := r.ReporterStats()
	if st.Dropped[DropShutdown] != 1 || st.Reported != 40 {
		t.Errorf("after Close: stats %+v, want the late span counted as DropShutdown", st)
	}
	if err := r.Flush(context.Background()); err != nil {
		t.Errorf("Flush after Close: %v", err)
	}
	if err := r.Close(context.Background()); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestHTTPReporterCloseReturnsAtDeadline(t *testing.T) {
	c := newFakeCollector(t, true)
	c.set(answerNever)
	r := newTestHTTPReporter(t, c, ReporterOptions{Timeout: time.Minute, BatchSpans: 100})
	reportSpans(r, 250, "stalled")
	time.Sleep(100 * time.Millisecond) // a request is in flight
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := r.Close(ctx)
	if took := time.Since(start); took > time.Second {
		t.Errorf("Close took %v with a 300ms deadline", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close = %v, want the deadline's error", err)
	}
	st := r.ReporterStats()
	if st.Dropped[DropShutdown] != 250 || st.Reported != 0 {
		t.Errorf("stats %+v, want all 250 spans dropped at shutdown", st)
	}
	select {
	case <-r.exited: // the request in flight was cancelled
	case <-time.After(2 * time.Second):
		t.Error("the sender goroutine still runs 2 s after Close gave up")
	}
	r.Report(newTestSpan("late"))
	if got := r.ReporterStats().Dropped[DropShutdown]; got != 251 {
		t.Errorf("DropShutdown = %d after a late Report, want 251", got)
	}
}

func TestHTTPReporterFlushHonoursContext(t *testing.T) {
	c := newFakeCollector(t, true)
	c.set(answerNever)
	r := newTestHTTPReporter(t, c, ReporterOptions{Timeout: time.Minute})
	reportSpans(r, 5, "stalled")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := r.Flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Flush = %v, want the deadline's error", err)
	}
	if st := r.ReporterStats(); st.QueuedSpans != 5 {
		t.Errorf("Flush that timed out should leave the spans queued, stats %+v", st)
	}
}

func TestHTTPReporterErrorLog(t *testing.T) {
	c := newFakeCollector(t, true)
	c.answer(http.StatusBadRequest, "")
	logged := make(chan error, 10)
	r := newTestHTTPReporter(t, c, ReporterOptions{ErrorLog: func(err error) {
		select {
		case logged <- err:
		default:
		}
	}})
	reportSpans(r, 2, "rejected")
	flushReporter(t, r)
	select {
	case err := <-logged:
		if !strings.Contains(err.Error(), "400") {
			t.Errorf("logged %q, want the status", err)
		}
	default:
		t.Error("nothing logged for a rejected batch")
	}
	if st := r.ReporterStats(); st.Dropped[DropRejected] != 2 || !strings.Contains(st.LastError, "400") || st.LastErrorTime.IsZero() {
		t.Errorf("stats %+v, want 2 rejected and the last error", st)
	}
}

func TestHTTPReporterSendsB3DenyAndNoCredentialsInErrors(t *testing.T) {
	var b3 atomic.Pointer[string]
	srv := newHeaderCapture(t, &b3)
	rep, err := NewHTTPReporter("http://user:secret@"+srv+"/api/v2/spans", ReporterOptions{ErrorLog: func(error) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close(context.Background())
	rep.Report(newTestSpan("b3"))
	flushReporter(t, rep)
	if got := b3.Load(); got == nil || *got != "0" {
		t.Errorf("b3 header %v, want 0 so that the collector does not trace our reports", got)
	}
	if _, err := NewHTTPReporter("ftp://user:secret@host/", ReporterOptions{}); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL error %v: want an error without the password", err)
	}
}

// newHeaderCapture serves 202 and records the b3 header of the last request.
func newHeaderCapture(t *testing.T, b3 *atomic.Pointer[string]) string {
	c := newFakeCollector(t, false)
	c.Up()
	c.mu.Lock()
	c.srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := r.Header.Get("b3")
		b3.Store(&v)
		w.WriteHeader(http.StatusAccepted)
	})
	c.mu.Unlock()
	return c.addr
}

func TestTracerEndpointUsesHTTPReporter(t *testing.T) {
	c := newFakeCollector(t, true)
	tr, err := New(Options{ServiceName: "svc", Endpoint: "http://" + c.addr})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		_, s := tr.Start(context.Background(), "op")
		s.End(nil)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := tr.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if st := tr.Stats(); c.accepted.Load() != 3 || st.Reported != 3 {
		t.Errorf("collector got %d spans, stats %+v; want 3", c.accepted.Load(), st)
	}
}

func TestCollectorURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://localhost:9411":               "http://localhost:9411/api/v2/spans",
		"http://localhost:9411/":              "http://localhost:9411/api/v2/spans",
		"https://zipkin.example/api/v2/spans": "https://zipkin.example/api/v2/spans",
		"http://127.0.0.1:1/custom":           "http://127.0.0.1:1/custom",
	} {
		if got, _, err := collectorURL(in); err != nil || got != want {
			t.Errorf("collectorURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "localhost:9411", "ftp://host/", "http://", "http://[::1", "stderr"} {
		if got, _, err := collectorURL(bad); err == nil {
			t.Errorf("collectorURL(%q) = %q, want an error", bad, got)
		}
	}
}

func TestHTTPReporterSlowBodyAfterAccepted(t *testing.T) {
	c := newFakeCollector(t, true)
	c.set(answerSlowBody)
	r := newTestHTTPReporter(t, c, ReporterOptions{BatchSpans: 10, Timeout: time.Minute})
	reportSpans(r, 30, "slow-body")
	start := time.Now()
	flushReporter(t, r)
	// Three batches, each answered 202 at once and then held open: each
	// costs drainTimeout, not the minute of Timeout.
	if took := time.Since(start); took > 3*drainTimeout+2*time.Second {
		t.Errorf("Flush took %v", took)
	}
	if st := r.ReporterStats(); st.Reported != 30 || c.accepted.Load() != 30 {
		t.Errorf("stats %+v, collector %d: want 30 reported", st, c.accepted.Load())
	}
}

func TestTracerShutdownReturnsAtDeadlineWhenCollectorNeverAnswers(t *testing.T) {
	c := newFakeCollector(t, true)
	c.set(answerNever)
	tr, err := New(Options{ServiceName: "svc", Endpoint: c.URL(), ErrorOutput: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		_, s := tr.Start(context.Background(), "op")
		s.End(nil)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := tr.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v, want the deadline's error", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Shutdown took %v with a 300ms deadline", took)
	}
	_, s := tr.Start(context.Background(), "after")
	s.End(nil)
	// Tracer.Shutdown waits a short grace past its deadline for the
	// reporter's Close to count what it gave up on; on a loaded machine
	// that can take longer, so poll rather than check once.
	exact := func() bool {
		st := tr.Stats()
		return st.Reported+st.TotalDropped() == st.Sampled && st.Sampled == 101 && st.Dropped[DropShutdown] == 101
	}
	if !pollUntil(time.Second, exact) {
		t.Errorf("stats %+v: want all 101 sampled spans dropped at shutdown", tr.Stats())
	}
}
