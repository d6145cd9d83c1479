package main

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/zipkingen/zipkingen/bench/loadtest/app"
)

// The floor variant is the lower bound of what tracing this service at
// 100% sampling can cost with B3 propagation and a Zipkin collector, for
// any tracer: it does only the two things none can skip, and no tracing
// logic at all (no span objects, IDs, clocks, sampling or encoding).
//
//   - The outgoing call carries the four B3 headers (trace ID, span ID,
//     parent span ID, sampled), on a copy of the request and its header
//     map as the RoundTripper contract requires; the backend reads them.
//     Their values are constants.
//   - Every request ships the bytes that zipkingen sends for its five
//     spans (floorSpans, taken from the zipkingen variant) to the
//     collector, appended to a batch under one mutex and POSTed as JSON by
//     one goroutine, DefaultBatchSpans (1000) spans to a batch.
//
// The load test runs it beside the real tracers: the gap between a tracer
// and the floor is what its own work costs.

// floorSpans is one request's five spans as zipkingen encodes them (JSON,
// 1,509 bytes), to be sent once per request.
const floorSpans = `{"traceId":"951eb8e38240f8d6e1cd7e8b560cff1f","parentId":"c0741e5e99d8b340","id":"76aef40145df7526","kind":"CLIENT","name":"GET","timestamp":1795332643547327,"duration":405,"localEndpoint":{"serviceName":"loadtest"},"remoteEndpoint":{"serviceName":"backend","ipv4":"127.0.0.1","port":46773},"tags":{"http.method":"GET","http.url":"http://127.0.0.1:46773/stock/42","http.status_code":"200"}},` +
	`{"traceId":"951eb8e38240f8d6e1cd7e8b560cff1f","parentId":"b3fccd4b8fb753fb","id":"c0741e5e99d8b340","name":"app.Zipkingen.load","timestamp":1795332643547320,"duration":440,"localEndpoint":{"serviceName":"loadtest"},"tags":{"item.id":"42"}},` +
	`{"traceId":"951eb8e38240f8d6e1cd7e8b560cff1f","parentId":"b3fccd4b8fb753fb","id":"1f74ce5cd1ff999a","name":"app.Zipkingen.render","timestamp":1795332643547762,"duration":5,"localEndpoint":{"serviceName":"loadtest"}},` +
	`{"traceId":"951eb8e38240f8d6e1cd7e8b560cff1f","parentId":"83c8ebed61b9f9ff","id":"b3fccd4b8fb753fb","name":"app.Zipkingen.item","timestamp":1795332643547319,"duration":449,"localEndpoint":{"serviceName":"loadtest"},"annotations":[{"timestamp":1795332643547761,"value":"loaded"}],"tags":{"item.raw_id":"42"}},` +
	`{"traceId":"951eb8e38240f8d6e1cd7e8b560cff1f","id":"83c8ebed61b9f9ff","kind":"SERVER","name":"GET /items/{id}","timestamp":1795332643547304,"duration":470,"localEndpoint":{"serviceName":"loadtest"},"remoteEndpoint":{"ipv4":"127.0.0.1","port":34672},"tags":{"http.method":"GET","http.path":"/items/42","http.route":"/items/{id}","http.status_code":"200"}}`

const (
	floorSpansPerRequest = 5
	floorBatchRequests   = 1000 / floorSpansPerRequest // zipkin.DefaultBatchSpans
	floorQueuedBatches   = 4                           // then batches are dropped, as a tracer's queue would
)

// The B3 headers of the outgoing call, in canonical form.
var floorHeaders = [...]struct {
	key string
	val []string
}{
	{"X-B3-Traceid", []string{"951eb8e38240f8d6e1cd7e8b560cff1f"}},
	{"X-B3-Spanid", []string{"76aef40145df7526"}},
	{"X-B3-Parentspanid", []string{"c0741e5e99d8b340"}},
	{"X-B3-Sampled", []string{"1"}},
}

// buildHeaders is the floor's first half alone: the B3 headers on the
// outgoing call, nothing sent to a collector. It is what propagation costs
// this service, whatever the sampling rate.
func buildHeaders(backendURL string) (http.Handler, func(context.Context) error, error) {
	svc := &app.Untraced{Client: &http.Client{Transport: floorTransport{baseTransport()}}, BackendURL: backendURL}
	return svc.Handler(), func(context.Context) error { return nil }, nil
}

func buildFloor(c config, backendURL string) (http.Handler, func(context.Context) error, error) {
	s := &floorShipper{
		url:    c.collector,
		client: &http.Client{Transport: baseTransport(), Timeout: 10 * time.Second},
		full:   make(chan []byte, floorQueuedBatches),
		free:   make(chan []byte, floorQueuedBatches+1),
		done:   make(chan struct{}),
	}
	go s.run()
	h, _, _ := buildHeaders(backendURL)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		s.add()
	}), s.shutdown, nil
}

// floorTransport adds the B3 headers to a copy of each request.
type floorTransport struct{ base http.RoundTripper }

func (t floorTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	h := make(http.Header, len(r.Header)+len(floorHeaders))
	for k, v := range r.Header {
		h[k] = v
	}
	for _, fh := range floorHeaders {
		h[fh.key] = fh.val
	}
	r2 := new(http.Request)
	*r2 = *r
	r2.Header = h
	return t.base.RoundTrip(r2)
}

// floorShipper batches floorSpans and POSTs the batches.
type floorShipper struct {
	url    string
	client *http.Client

	mu     sync.Mutex
	batch  []byte // "[" and the spans so far
	n      int    // requests in batch
	closed bool   // shutdown has begun: a request still in flight adds nothing

	full chan []byte // batches to send
	free chan []byte // sent batches, for reuse
	done chan struct{}
}

// add appends one request's spans to the batch, handing it to the sender
// when it holds floorBatchRequests requests.
func (s *floorShipper) add() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	if s.n == 0 {
		s.batch = append(s.batch[:0], '[')
	} else {
		s.batch = append(s.batch, ',')
	}
	s.batch = append(s.batch, floorSpans...)
	s.n++
	if s.n == floorBatchRequests {
		s.handOff()
	}
	s.mu.Unlock()
}

// handOff closes the batch and queues it; s.mu is held.
func (s *floorShipper) handOff() {
	b := append(s.batch, ']')
	select {
	case s.full <- b:
		select {
		case s.batch = <-s.free:
		default:
			s.batch = make([]byte, 0, cap(b))
		}
	default: // the sender is behind: drop the batch, as a tracer's full queue would
		s.batch = b[:0]
	}
	s.n = 0
}

func (s *floorShipper) run() {
	defer close(s.done)
	for b := range s.full {
		resp, err := s.client.Post(s.url, "application/json", bytes.NewReader(b))
		if err == nil {
			resp.Body.Close()
		}
		select {
		case s.free <- b:
		default:
		}
	}
}

// shutdown sends what is batched and waits for the sender.
func (s *floorShipper) shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	if s.n > 0 {
		b := append(s.batch, ']')
		s.n = 0
		s.mu.Unlock()
		select {
		case s.full <- b:
		case <-ctx.Done():
		}
	} else {
		s.mu.Unlock()
	}
	close(s.full)
	select {
	case <-s.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
