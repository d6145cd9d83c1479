package zipkin

import (
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// otlpReceiver is a fake OTLP/HTTP receiver on loopback: it records each
// request's path, headers and (decompressed) body, and answers with what
// respond says.
type otlpReceiver struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	requests []otlpRequest
	respond  func(n int) (status int, header http.Header, body []byte) // n counts requests from 0
}

type otlpRequest struct {
	path, contentType, contentEncoding string
	body                               []byte
}

func newOTLPReceiver(t *testing.T) *otlpReceiver {
	rc := &otlpReceiver{t: t}
	rc.respond = func(int) (int, http.Header, []byte) { return 200, nil, nil }
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve)) // 127.0.0.1
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *otlpReceiver) serve(w http.ResponseWriter, r *http.Request) {
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			rc.t.Errorf("bad gzip: %v", err)
			w.WriteHeader(400)
			return
		}
		body = zr
	}
	b, err := io.ReadAll(body)
	if err != nil {
		rc.t.Errorf("reading request: %v", err)
	}
	rc.mu.Lock()
	n := len(rc.requests)
	rc.requests = append(rc.requests, otlpRequest{r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding"), b})
	respond := rc.respond
	rc.mu.Unlock()
	status, h, resp := respond(n)
	for k, v := range h {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.WriteHeader(status)
	w.Write(resp)
}

func (rc *otlpReceiver) got() []otlpRequest {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]otlpRequest(nil), rc.requests...)
}

func newOTLPReporter(t *testing.T, endpoint string, o ReporterOptions) (*batchReporter, *[]error) {
	t.Helper()
	var mu sync.Mutex
	var errs []error
	o.ErrorLog = func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }
	rep, err := NewHTTPReporter(endpoint, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		rep.Close(ctx)
	})
	return rep.(*batchReporter), &errs
}

// partialSuccessBody encodes an ExportTraceServiceResponse with a
// partial_success, as a receiver would.
func partialSuccessBody(rejected int64, msg string) []byte {
	var inner []byte
	if rejected != 0 {
		inner = appendProtoKey(inner, otlpPartialRejectedSpans, wireVarint)
		inner = binary.AppendUvarint(inner, uint64(rejected))
	}
	if msg != "" {
		inner = appendProtoBytes(inner, otlpPartialErrorMessage, []byte(msg))
	}
	return appendProtoBytes(nil, otlpPartialSuccess, inner)
}

func TestOTLPReporterDeliversRequests(t *testing.T) {
	for _, compress := range []Compression{CompressGzip, CompressNone} {
		rc := newOTLPReceiver(t)
		// A bare URL gets /v1/traces, not Zipkin's path.
		r, _ := newOTLPReporter(t, rc.srv.URL, ReporterOptions{Encoding: OTLP, Compression: compress, FlushInterval: time.Hour, BatchSpans: 1000})
		spans := reportSpans(r, 2500, "otlp")
		flushReporter(t, r)
		reqs := rc.got()
		if len(reqs) != 3 {
			t.Fatalf("%v: %d requests, want 3 batches of at most 1000", compress, len(reqs))
		}
		var ids []string
		for _, req := range reqs {
			if req.path != "/v1/traces" || req.contentType != "application/x-protobuf" {
				t.Errorf("POST %s as %s, want /v1/traces as application/x-protobuf", req.path, req.contentType)
			}
			if wantGzip := compress == CompressGzip; (req.contentEncoding == "gzip") != wantGzip {
				t.Errorf("%v: Content-Encoding %q", compress, req.contentEncoding)
			}
			for _, rs := range decodeOTLPRequest(t, req.body) {
				if rs.resource["service.name"] != "string:reporter-test" {
					t.Errorf("resource = %v", rs.resource)
				}
				for _, sp := range rs.spans {
					ids = append(ids, hexOf(sp.one(t, otlpSpanSpanID, wireBytes).bytes))
				}
			}
		}
		if len(ids) != len(spans) {
			t.Fatalf("%d spans arrived, want %d", len(ids), len(spans))
		}
		for i, s := range spans {
			if ids[i] != s.Context().ID.String() {
				t.Fatalf("span %d is %s, want %s: lost, repeated or out of order", i, ids[i], s.Context().ID)
			}
		}
		if st := r.ReporterStats(); st.Reported != 2500 || st.TotalDropped() != 0 || st.Requests != 3 {
			t.Errorf("stats = %+v", st)
		}
	}
}

// TestOTLPReporterChunksAndByteCap: a batch larger than a chunk holds
// several ResourceSpans, and no body exceeds BatchBytes.
func TestOTLPReporterChunksAndByteCap(t *testing.T) {
	big := strings.Repeat("x", 500)
	mkSpans := func(n int) []*Span {
		out := make([]*Span, n)
		for i := range out {
			_, s := batchTestTracer().Start(context.Background(), "big")
			s.Tag("payload", big)
			s.End(nil)
			out[i] = s
		}
		return out
	}
	for _, tc := range []struct {
		batchBytes, spans, wantRequests int
		wantResourceSpans               int // in the first request
	}{
		{DefaultBatchBytes, 400, 1, 4}, // ~220 kB in 64 kB chunks
		{8 << 10, 100, 8, 1},           // 14 spans of ~550 bytes fit in 8 KiB
	} {
		rc := newOTLPReceiver(t)
		r, _ := newOTLPReporter(t, rc.srv.URL+"/v1/traces", ReporterOptions{Encoding: OTLP, Compression: CompressNone,
			BatchBytes: tc.batchBytes, FlushInterval: time.Hour})
		for _, s := range mkSpans(tc.spans) {
			r.Report(s)
		}
		flushReporter(t, r)
		reqs := rc.got()
		if len(reqs) != tc.wantRequests {
			t.Errorf("BatchBytes %d: %d requests, want %d", tc.batchBytes, len(reqs), tc.wantRequests)
		}
		n := 0
		for i, req := range reqs {
			if len(req.body) > tc.batchBytes {
				t.Errorf("request of %d bytes, over BatchBytes %d", len(req.body), tc.batchBytes)
			}
			rss := decodeOTLPRequest(t, req.body)
			if i == 0 && len(rss) != tc.wantResourceSpans {
				t.Errorf("BatchBytes %d: first request has %d ResourceSpans, want %d", tc.batchBytes, len(rss), tc.wantResourceSpans)
			}
			for _, rs := range rss {
				n += len(rs.spans)
			}
		}
		if n != tc.spans {
			t.Errorf("%d spans arrived, want %d", n, tc.spans)
		}
	}
}

func TestOTLPReporterGroupsTracers(t *testing.T) {
	rc := newOTLPReceiver(t)
	r, _ := newOTLPReporter(t, rc.srv.URL, ReporterOptions{Encoding: OTLP, FlushInterval: time.Hour})
	a := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "a"})
	b := newTracer(t, Options{Reporter: discardReporter{}, ServiceName: "b"})
	for _, tr := range []*Tracer{a, b, b, a} {
		_, s := tr.Start(context.Background(), "x")
		s.End(nil)
		r.Report(s)
	}
	flushReporter(t, r)
	var got []string
	for _, req := range rc.got() {
		for _, rs := range decodeOTLPRequest(t, req.body) {
			got = append(got, fmt.Sprintf("%s×%d", rs.resource["service.name"], len(rs.spans)))
		}
	}
	if fmt.Sprint(got) != "[string:a×1 string:b×2 string:a×1]" {
		t.Errorf("resource spans = %v", got)
	}
}

func TestOTLPReporterStatuses(t *testing.T) {
	for _, tc := range []struct {
		status       int
		retryAfter   string
		wantAttempts int // the first answer is status, later ones 200
		wantDrop     DropReason
		wantReported uint64
	}{
		{400, "", 1, DropRejected, 0},
		{500, "", 1, DropRejected, 0}, // OTLP: not retryable, unlike Zipkin
		{501, "", 1, DropRejected, 0},
		{404, "", 1, DropRejected, 0},
		{429, "1", 2, 0, 5},
		{502, "", 2, 0, 5},
		{503, "1", 2, 0, 5},
		{504, "", 2, 0, 5},
	} {
		rc := newOTLPReceiver(t)
		rc.respond = func(n int) (int, http.Header, []byte) {
			if n == 0 {
				h := http.Header{}
				if tc.retryAfter != "" {
					h.Set("Retry-After", tc.retryAfter)
				}
				return tc.status, h, nil
			}
			return 200, nil, nil
		}
		r, _ := newOTLPReporter(t, rc.srv.URL, ReporterOptions{Encoding: OTLP, FlushInterval: time.Hour,
			BackoffBase: time.Millisecond, BackoffMax: 5 * time.Second})
		reportSpans(r, 5, "status")
		start := time.Now()
		flushReporter(t, r)
		st := r.ReporterStats()
		if got := len(rc.got()); got != tc.wantAttempts {
			t.Errorf("%d: %d attempts, want %d", tc.status, got, tc.wantAttempts)
		}
		if st.Reported != tc.wantReported || (tc.wantReported == 0 && st.Dropped[tc.wantDrop] != 5) {
			t.Errorf("%d: reported %d, dropped %v", tc.status, st.Reported, st.Dropped)
		}
		if tc.retryAfter == "1" && time.Since(start) < 900*time.Millisecond {
			t.Errorf("%d: retried after %v, before Retry-After's second", tc.status, time.Since(start))
		}
	}
}

func TestOTLPReporterPartialSuccess(t *testing.T) {
	for _, tc := range []struct {
		rejected     int64
		msg          string
		wantReported uint64
		wantRejected uint64
		wantLog      string
	}{
		{3, "span 2: bad\nname", 7, 3, `dropped 3 of 10 spans: collector rejected 3 spans: "span 2: bad\nname"`},
		{0, "slow down", 10, 0, `sent 10 spans: collector warned: "slow down"`},
		{99, "all", 0, 10, `dropped 10 of 10 spans`}, // more than sent: capped
		{-4, "negative", 10, 0, `collector warned`},  // nonsense: nothing counted as dropped
	} {
		rc := newOTLPReceiver(t)
		rc.respond = func(int) (int, http.Header, []byte) { return 200, nil, partialSuccessBody(tc.rejected, tc.msg) }
		r, errs := newOTLPReporter(t, rc.srv.URL, ReporterOptions{Encoding: OTLP, FlushInterval: time.Hour})
		reportSpans(r, 10, "partial")
		flushReporter(t, r)
		st := r.ReporterStats()
		if len(rc.got()) != 1 {
			t.Errorf("%d requests: a partial success must not be retried", len(rc.got()))
		}
		if st.Reported != tc.wantReported || st.Dropped[DropRejected] != tc.wantRejected || st.TotalDropped() != tc.wantRejected {
			t.Errorf("rejected %d: reported %d, dropped %v", tc.rejected, st.Reported, st.Dropped)
		}
		if len(*errs) != 1 || !strings.Contains((*errs)[0].Error(), tc.wantLog) || strings.Contains((*errs)[0].Error(), "\n") {
			t.Errorf("rejected %d: logged %q, want one line containing %q", tc.rejected, *errs, tc.wantLog)
		}
		if !strings.Contains(st.LastError, tc.wantLog) {
			t.Errorf("LastError = %q", st.LastError)
		}
	}
}

func TestOTLPReporterOversizedResponseIsAFailure(t *testing.T) {
	rc := newOTLPReceiver(t)
	rc.respond = func(int) (int, http.Header, []byte) { return 200, nil, make([]byte, drainLimit+1) }
	r, _ := newOTLPReporter(t, rc.srv.URL, ReporterOptions{Encoding: OTLP, FlushInterval: time.Hour})
	reportSpans(r, 4, "huge")
	flushReporter(t, r)
	if st := r.ReporterStats(); st.Dropped[DropRejected] != 4 || len(rc.got()) != 1 {
		t.Errorf("stats %+v after %d requests: an oversized response is a non-retryable error", st, len(rc.got()))
	}
}

func TestOTLPEndpointDefaults(t *testing.T) {
	for _, tc := range []struct {
		raw     string
		enc     Encoding
		wantURL string
		wantEnc Encoding
	}{
		{"http://h:4318", OTLP, "http://h:4318/v1/traces", OTLP},
		{"http://h:4318/", OTLP, "http://h:4318/v1/traces", OTLP},
		{"http://h:4318/v1/traces", JSON, "http://h:4318/v1/traces", OTLP},
		{"https://u:p@h/otel/v1/traces", JSON, "https://u:p@h/otel/v1/traces", OTLP},
		{"http://h:4318/v1/traces", Proto3, "http://h:4318/v1/traces", Proto3},
		{"http://h:9411/custom", OTLP, "http://h:9411/custom", OTLP},
		{"http://h:9411", JSON, "http://h:9411", JSON},
		{"stderr", OTLP, "stderr", OTLP},
	} {
		url, enc := otlpEndpoint(tc.raw, tc.raw, tc.enc)
		if url != tc.wantURL || enc != tc.wantEnc {
			t.Errorf("otlpEndpoint(%q, %v) = %q, %v, want %q, %v", tc.raw, tc.enc, url, enc, tc.wantURL, tc.wantEnc)
		}
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		endpoint, encoding string
		wantURL            string
		wantEnc            Encoding
	}{
		{"http://h:4318", "otlp", "http://h:4318/v1/traces", OTLP},
		{"http://h:4318/v1/traces", "", "http://h:4318/v1/traces", OTLP},
		{"http://h:9411", "", "http://h:9411/api/v2/spans", JSON},
		{"stdout", "otlp", "stdout", OTLP},
	} {
		o, err := OptionsFromEnv(env(map[string]string{"ZIPKIN_ENDPOINT": tc.endpoint, "ZIPKIN_ENCODING": tc.encoding}))
		if err != nil || o.Endpoint != tc.wantURL || o.Encoding != tc.wantEnc {
			t.Errorf("env %q %q: %q %v %v, want %q %v", tc.endpoint, tc.encoding, o.Endpoint, o.Encoding, err, tc.wantURL, tc.wantEnc)
		}
	}
}

// TestTracerOTLPEndpoint: a tracer configured in code with a /v1/traces
// endpoint sends OTLP there, and the debug printer ignores the encoding.
func TestTracerOTLPEndpoint(t *testing.T) {
	rc := newOTLPReceiver(t)
	tr := newTracer(t, Options{Endpoint: rc.srv.URL + "/v1/traces", ServiceName: "code", ErrorOutput: io.Discard})
	_, s := tr.Start(context.Background(), "op")
	s.End(nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := tr.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := rc.got()
	if len(reqs) != 1 || reqs[0].contentType != "application/x-protobuf" {
		t.Fatalf("requests = %+v", reqs)
	}
	if rs := decodeOTLPRequest(t, reqs[0].body); len(rs) != 1 || rs[0].resource["service.name"] != "string:code" {
		t.Errorf("request = %+v", rs)
	}
	if st := tr.Stats(); st.Reported != 1 || st.Sampled != 1 {
		t.Errorf("stats = %+v", st)
	}
	if _, err := New(Options{Endpoint: "stderr", Encoding: OTLP}); err != nil {
		t.Errorf("debug reporter with Encoding OTLP: %v", err)
	}
	if _, err := New(Options{Endpoint: "http://h", Encoding: OTLP + 1}); err == nil {
		t.Error("an unknown Encoding was accepted")
	}
}

func TestParsePartialSuccess(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		want *PartialSuccessError
	}{
		{"empty response", nil, nil},
		{"empty partial_success", appendProtoBytes(nil, 1, nil), nil},
		{"rejected", partialSuccessBody(5, "why"), &PartialSuccessError{5, "why"}},
		{"warning", partialSuccessBody(0, "hm"), &PartialSuccessError{0, "hm"}},
		{"unknown fields around", append(append([]byte{0x10, 0x01, 0x1d, 1, 2, 3, 4}, partialSuccessBody(2, "")...), 0x21, 1, 2, 3, 4, 5, 6, 7, 8), &PartialSuccessError{2, ""}},
		{"repeated, merged", append(partialSuccessBody(1, "a"), partialSuccessBody(3, "")...), &PartialSuccessError{3, "a"}},
		{"truncated", partialSuccessBody(5, "why")[:4], nil},
		{"group wire type", []byte{0x0b}, nil},
		{"field 0", []byte{0x02, 0x00}, nil},
		{"long message kept short", partialSuccessBody(1, strings.Repeat("é", 1000)), &PartialSuccessError{1, strings.Repeat("é", 128)}},
		{"invalid UTF-8", partialSuccessBody(1, "a\xffb"), &PartialSuccessError{1, "a\ufffdb"}},
	} {
		got, ok := parsePartialSuccess(tc.in)
		if ok != (tc.want != nil) || (ok && *got != *tc.want) {
			t.Errorf("%s: got %+v, %v, want %+v", tc.name, got, ok, tc.want)
		}
	}
}

func FuzzParsePartialSuccess(f *testing.F) {
	f.Add([]byte{})
	f.Add(partialSuccessBody(3, "rejected: bad span"))
	f.Add(partialSuccessBody(-1, "\n\x00"))
	f.Add(append(partialSuccessBody(1, "a"), 0x0a, 0x80))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, ok := parsePartialSuccess(b)
		if !ok {
			return
		}
		if len(ps.Message) > 3*maxPartialMessage || strings.Contains(ps.Error(), "\n") {
			t.Errorf("message of %d bytes, error %q", len(ps.Message), ps.Error())
		}
		again, ok := parsePartialSuccess(partialSuccessBody(ps.Rejected, ps.Message))
		if !ok || *again != *ps {
			t.Errorf("re-encoded %+v parses as %+v", ps, again)
		}
	})
}

// TestOTLPReporterEncodesWithoutAllocating: in steady state (buffers
// grown), encoding a span into an OTLP batch allocates nothing.
func TestOTLPReporterEncodesWithoutAllocating(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, compress := range []bool{false, true} {
		discard := transportFunc(func(context.Context, []byte, string) error { return nil })
		r, err := newBatchReporter(discard, ReporterOptions{Encoding: OTLP, FlushInterval: time.Hour}, compress)
		if err != nil {
			t.Fatal(err)
		}
		spans := make([]*Span, 300)
		for i := range spans {
			spans[i] = newTestSpan("alloc")
		}
		close(r.stop) // stop the encoder goroutine: this test drives encode itself
		<-r.exited
		r.runCtx, r.cancel = context.WithCancel(context.Background())
		r.tick = time.NewTicker(time.Hour)
		r.sendq = make(chan *batch, 1000)
		r.free = make(chan *batch, 1)
		r.free <- &batch{}
		run := func() {
			for _, s := range spans {
				r.encode(queuedSpan{span: s})
			}
			if r.cur != nil {
				r.ship()
			}
			b := <-r.sendq
			r.free <- b
		}
		run() // grow the buffers
		run()
		if n := testing.AllocsPerRun(20, run); n != 0 {
			t.Errorf("compress=%v: %v allocs per %d spans", compress, n, len(spans))
		}
		r.cancel()
		r.tick.Stop()
	}
}
