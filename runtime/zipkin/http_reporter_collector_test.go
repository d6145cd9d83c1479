package zipkin

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// collectorMode is how the fake collector answers.
type collectorMode int32

const (
	answerAccept      collectorMode = iota // decode the batch, 202
	answerStatus                           // read the body, answer status (with Retry-After)
	answerSlow                             // answer 202 only after delay, unless the client gave up first
	answerNever                            // hold the request until the client gives up
	answerReset                            // hijack the connection and close it
	answerHugeBody                         // 503 with an endless body
	answerSlowHeaders                      // trickle a status line, one byte per 50 ms
	answerGarbage                          // write bytes that are not HTTP, then close
	answerHugeHeaders                      // a status line, then megabytes of one header
	answerSlowBody                         // accept, then trickle a body, one byte per 50 ms
)

// fakeCollector is a Zipkin collector on 127.0.0.1 whose behaviour tests
// switch while a reporter runs. It counts spans only in batches it answers
// 202, so that its count must equal the reporter's Reported exactly.
type fakeCollector struct {
	tb   testing.TB
	addr string
	// countOnly counts JSON spans by their "traceId" keys instead of
	// decoding with encoding/json: for the benchmark. Atomic, like
	// keepBodies: set by the test, read by the handlers.
	countOnly atomic.Bool
	// keepBodies keeps every decompressed request body, for tests that
	// inspect the wire format.
	keepBodies atomic.Bool

	mode       atomic.Int32
	status     atomic.Int32
	retryAfter atomic.Pointer[string]
	delay      atomic.Int64 // answerSlow

	accepted atomic.Int64 // spans in batches answered 202
	rejected atomic.Int64 // spans in batches answered 4xx by answerStatus
	requests atomic.Int64
	// resentAfter400 counts requests whose body is one that was answered
	// 400 before: a retry of a batch rejected for good. Retries resend
	// the same bytes, so equal bodies mean the same batch.
	resentAfter400 atomic.Int64

	mu           sync.Mutex
	srv          *http.Server
	requestTimes []time.Time
	names        map[string]int // span names accepted (JSON, decoded)
	contentTypes map[string]int
	encodings    map[string]int
	errs         []error
	bodies       [][]byte
	rejectedSums map[[sha256.Size]byte]bool
}

// newFakeCollector starts a collector, or only reserves its address when
// up is false (a collector down from the start).
func newFakeCollector(tb testing.TB, up bool) *fakeCollector {
	tb.Helper()
	c := &fakeCollector{tb: tb, names: map[string]int{}, contentTypes: map[string]int{}, encodings: map[string]int{},
		rejectedSums: map[[sha256.Size]byte]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	c.addr = ln.Addr().String()
	if up {
		c.serve(ln)
	} else {
		ln.Close()
	}
	tb.Cleanup(c.Down)
	return c
}

// URL is the collector's span endpoint.
func (c *fakeCollector) URL() string { return "http://" + c.addr + "/api/v2/spans" }

func (c *fakeCollector) serve(ln net.Listener) {
	srv := &http.Server{Handler: c, ReadHeaderTimeout: 5 * time.Second}
	c.mu.Lock()
	c.srv = srv
	c.mu.Unlock()
	go srv.Serve(ln)
}

// Down closes the listener and every connection: the collector is gone.
func (c *fakeCollector) Down() {
	c.mu.Lock()
	srv := c.srv
	c.srv = nil
	c.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// Up listens again on the same address, if it is not listening.
func (c *fakeCollector) Up() {
	c.tb.Helper()
	c.mu.Lock()
	up := c.srv != nil
	c.mu.Unlock()
	if up {
		return
	}
	var ln net.Listener
	var err error
	for range 50 { // the port may linger for a moment after Down
		if ln, err = net.Listen("tcp", c.addr); err == nil {
			c.serve(ln)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.tb.Fatalf("collector cannot listen on %s again: %v", c.addr, err)
}

func (c *fakeCollector) set(m collectorMode) { c.mode.Store(int32(m)) }

// answer makes the collector answer status, with a Retry-After header
// when retryAfter is not empty.
func (c *fakeCollector) answer(status int, retryAfter string) {
	c.status.Store(int32(status))
	c.retryAfter.Store(&retryAfter)
	c.set(answerStatus)
}

func (c *fakeCollector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.requests.Add(1)
	c.mu.Lock()
	c.requestTimes = append(c.requestTimes, time.Now())
	c.contentTypes[r.Header.Get("Content-Type")]++
	c.encodings[r.Header.Get("Content-Encoding")]++
	c.mu.Unlock()
	// Read the whole body first: only then does net/http notice a client
	// that hangs up, and cancel r.Context().
	buf := collectorBuffers.Get().(*bytes.Buffer)
	defer collectorBuffers.Put(buf)
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(r.Body, 64<<20)); err != nil {
		return
	}
	body := buf.Bytes()
	if !c.countOnly.Load() {
		c.noteResent(body)
	}
	switch collectorMode(c.mode.Load()) {
	case answerAccept:
		c.accept(w, r, body)
	case answerStatus:
		c.answerWithStatus(w, r, body)
	case answerSlow:
		select {
		case <-time.After(time.Duration(c.delay.Load())):
			if r.Context().Err() == nil {
				c.accept(w, r, body)
			}
		case <-r.Context().Done():
		}
	case answerNever:
		<-r.Context().Done()
	case answerReset:
		hijack(w).Close()
	case answerHugeBody:
		w.WriteHeader(http.StatusServiceUnavailable)
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for i := 0; i < 1<<10 && r.Context().Err() == nil; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case answerSlowHeaders:
		conn := hijack(w)
		defer conn.Close()
		for _, b := range []byte("HTTP/1.1 202 Accepted\r\nX-Slow: " + string(bytes.Repeat([]byte("z"), 200))) {
			if _, err := conn.Write([]byte{b}); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	case answerHugeHeaders:
		conn := hijack(w)
		defer conn.Close()
		conn.Write([]byte("HTTP/1.1 202 Accepted\r\nX-Huge: "))
		chunk := bytes.Repeat([]byte("h"), 64<<10)
		for range 256 { // 16 MiB, unless the client hangs up first
			if _, err := conn.Write(chunk); err != nil {
				return
			}
		}
	case answerSlowBody:
		c.accept(w, r, body)
		for r.Context().Err() == nil {
			if _, err := w.Write([]byte("z")); err != nil || http.NewResponseController(w).Flush() != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	case answerGarbage:
		conn := hijack(w)
		conn.Write([]byte("HTTP/1.1 2O2 Acc\x00epted\r\nContent-Length: -7\r\n\xff\xfe\r\n\r\n"))
		conn.Close()
	}
}

// noteResent counts body if it was answered 400 before.
func (c *fakeCollector) noteResent(body []byte) {
	sum := sha256.Sum256(body)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rejectedSums[sum] {
		c.resentAfter400.Add(1)
	}
}

func hijack(w http.ResponseWriter) net.Conn {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	return conn
}

func (c *fakeCollector) accept(w http.ResponseWriter, r *http.Request, body []byte) {
	n, err := c.decode(r, body)
	if err != nil {
		c.mu.Lock()
		c.errs = append(c.errs, err)
		c.mu.Unlock()
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	// Count only what the client can have seen accepted: a collector
	// taken down mid-answer must not count a batch that will be retried.
	if http.NewResponseController(w).Flush() == nil {
		c.accepted.Add(int64(n))
	}
}

func (c *fakeCollector) answerWithStatus(w http.ResponseWriter, r *http.Request, body []byte) {
	n, err := c.decode(r, body)
	status := int(c.status.Load())
	if status == http.StatusBadRequest {
		c.mu.Lock()
		c.rejectedSums[sha256.Sum256(body)] = true
		c.mu.Unlock()
	}
	if err == nil && status >= 400 && status < 500 && status != http.StatusTooManyRequests {
		c.rejected.Add(int64(n))
	}
	if ra := c.retryAfter.Load(); ra != nil && *ra != "" {
		w.Header().Set("Retry-After", *ra)
	}
	w.WriteHeader(status)
}

// decode reads one batch and returns its number of spans.
func (c *fakeCollector) decode(r *http.Request, body []byte) (int, error) {
	raw := body
	if r.Header.Get("Content-Encoding") == "gzip" {
		out := collectorBuffers.Get().(*bytes.Buffer)
		defer collectorBuffers.Put(out)
		var err error
		if raw, err = gunzip(out, body); err != nil {
			return 0, fmt.Errorf("gzip: %w", err)
		}
	}
	if c.keepBodies.Load() {
		c.mu.Lock()
		c.bodies = append(c.bodies, bytes.Clone(raw))
		c.mu.Unlock()
	}
	switch ct := r.Header.Get("Content-Type"); ct {
	case "application/json":
		if c.countOnly.Load() {
			return bytes.Count(raw, []byte(`"traceId"`)), nil
		}
		return c.decodeJSON(raw)
	case "application/x-protobuf":
		return countListOfSpans(raw)
	default:
		return 0, fmt.Errorf("content type %q", ct)
	}
}

// Buffers and decompressors are reused, so that the benchmark's
// allocation counts are the reporter's, not the collector's.
var (
	collectorBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	gzipReaders      sync.Pool
)

// gunzip decompresses body into out and returns out's bytes.
func gunzip(out *bytes.Buffer, body []byte) ([]byte, error) {
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(body))
	} else {
		err = zr.Reset(bytes.NewReader(body))
	}
	if err != nil {
		return nil, err
	}
	defer gzipReaders.Put(zr)
	out.Reset()
	if _, err := out.ReadFrom(zr); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// wireJSONSpan is the part of a Zipkin v2 JSON span that the tests check.
type wireJSONSpan struct {
	TraceID   string            `json:"traceId"`
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Timestamp int64             `json:"timestamp"`
	Duration  int64             `json:"duration"`
	Tags      map[string]string `json:"tags"`
}

func (c *fakeCollector) decodeJSON(raw []byte) (int, error) {
	var spans []wireJSONSpan
	if err := json.Unmarshal(raw, &spans); err != nil {
		return 0, fmt.Errorf("json: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range spans {
		if _, ok := ParseTraceID(s.TraceID); !ok {
			return 0, fmt.Errorf("bad traceId %q", s.TraceID)
		}
		if _, ok := ParseSpanID(s.ID); !ok {
			return 0, fmt.Errorf("bad id %q", s.ID)
		}
		c.names[s.Name]++
	}
	return len(spans), nil
}

// countListOfSpans counts the field-1 elements of a zipkin.proto
// ListOfSpans, checking that the message is well formed.
func countListOfSpans(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if b[0] != 0x0a { // field 1, wire type 2
			return n, fmt.Errorf("proto: unexpected tag %#x", b[0])
		}
		size, k := binary.Uvarint(b[1:])
		if k <= 0 || uint64(len(b)-1-k) < size {
			return n, errors.New("proto: truncated element")
		}
		b = b[1+k+int(size):]
		n++
	}
	return n, nil
}

// snapshot returns copies of what the collector recorded.
func (c *fakeCollector) snapshot() (times []time.Time, names, contentTypes, encodings map[string]int, errs []error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cp := func(m map[string]int) map[string]int {
		out := make(map[string]int, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	return append([]time.Time(nil), c.requestTimes...), cp(c.names), cp(c.contentTypes), cp(c.encodings), append([]error(nil), c.errs...)
}

// kept returns the request bodies kept so far, decompressed.
func (c *fakeCollector) kept() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([][]byte(nil), c.bodies...)
}
