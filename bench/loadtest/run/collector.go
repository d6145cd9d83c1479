package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// collector is the loopback Zipkin collector of the load test. It counts
// the bytes it receives and, when countSpans is set, decompresses JSON
// batches and counts their spans (the outage test compares that count
// with the tracer's). It can go down (its port closed, connections cut)
// and come back on the same port.
type collector struct {
	addr       string
	countSpans bool

	mu  sync.Mutex
	srv *http.Server // nil while down
	up  atomic.Bool

	bytes    atomic.Int64 // request bodies as sent
	requests atomic.Int64 // batches accepted
	spans    atomic.Int64 // spans in accepted batches, when countSpans
	bad      atomic.Int64 // bodies that did not decode, when countSpans
}

func newCollector(countSpans bool) (*collector, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &collector{addr: ln.Addr().String(), countSpans: countSpans}
	c.serve(ln)
	return c, nil
}

func (c *collector) url() string { return "http://" + c.addr + "/api/v2/spans" }

func (c *collector) serve(ln net.Listener) {
	srv := &http.Server{Handler: c, ErrorLog: log.New(io.Discard, "", 0)}
	c.mu.Lock()
	c.srv = srv
	c.mu.Unlock()
	c.up.Store(true)
	go func() { _ = srv.Serve(ln) }()
}

// down closes the port and every connection: clients get "connection
// refused" until up. Requests already being handled are answered 503, so
// that no batch is both counted here and retried by its sender.
func (c *collector) down() {
	c.up.Store(false)
	c.mu.Lock()
	srv := c.srv
	c.srv = nil
	c.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
}

// bringUp listens on the same port again.
func (c *collector) bringUp() error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	c.serve(ln)
	return nil
}

func (c *collector) close() { c.down() }

func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body bytes.Buffer
	dst := io.Discard // the throughput runs measure the service, not us
	if c.countSpans {
		dst = &body
	}
	n, err := io.Copy(dst, r.Body)
	if err != nil || !c.up.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if c.countSpans {
		spans, ok := countSpans(body.Bytes(), r.Header.Get("Content-Encoding") == "gzip")
		if !ok {
			c.bad.Add(1)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		c.spans.Add(spans)
	}
	c.bytes.Add(n)
	c.requests.Add(1)
	w.WriteHeader(http.StatusAccepted)
}

// countSpans counts the spans of a Zipkin v2 JSON batch by their
// "traceId" keys, which every span has exactly once and no other field
// name or value can contain (values are escaped JSON strings).
func countSpans(body []byte, gzipped bool) (int64, bool) {
	if gzipped {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return 0, false
		}
		if body, err = io.ReadAll(zr); err != nil {
			return 0, false
		}
	}
	return int64(bytes.Count(body, []byte(`"traceId"`))), true
}
