package bench

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// collector is a loopback Zipkin collector: it gunzips every POSTed batch
// of Zipkin v2 JSON and counts the spans in it by their "traceId" keys. One
// batch in checkEvery is fully decoded and checked, so that a reporter
// cannot win by sending junk, while the collector's own JSON decoding (on
// the same cores as the reporter) does not become what the benchmark
// measures.
type collector struct {
	srv      *httptest.Server
	spans    atomic.Int64
	requests atomic.Int64
	bad      atomic.Int64 // batches that did not decode
}

const checkEvery = 16

// newCollector starts a collector on 127.0.0.1, closed when tb ends.
func newCollector(tb testing.TB) *collector {
	c := &collector{}
	c.srv = httptest.NewServer(http.HandlerFunc(c.serve))
	tb.Cleanup(c.srv.Close)
	return c
}

// URL is the collector's spans endpoint.
func (c *collector) URL() string { return c.srv.URL + "/api/v2/spans" }

// decodedSpan holds the fields the collector checks in each span.
type decodedSpan struct {
	TraceID string `json:"traceId"`
	ID      string `json:"id"`
}

func (c *collector) serve(w http.ResponseWriter, r *http.Request) {
	n := c.requests.Add(1)
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			c.reject(w)
			return
		}
		body = zr
	}
	batch, err := io.ReadAll(body)
	if err != nil || len(batch) < 2 || batch[0] != '[' || batch[len(batch)-1] != ']' {
		c.reject(w)
		return
	}
	count := bytes.Count(batch, []byte(`"traceId":`))
	if n%checkEvery == 1 && !validBatch(batch, count) {
		c.reject(w)
		return
	}
	c.spans.Add(int64(count))
	w.WriteHeader(http.StatusAccepted)
}

// validBatch decodes batch and checks that it holds count spans, each
// with a trace ID and a span ID.
func validBatch(batch []byte, count int) bool {
	var spans []decodedSpan
	if err := json.Unmarshal(batch, &spans); err != nil || len(spans) != count {
		return false
	}
	for _, s := range spans {
		if s.TraceID == "" || s.ID == "" {
			return false
		}
	}
	return true
}

func (c *collector) reject(w http.ResponseWriter) {
	c.bad.Add(1)
	http.Error(w, "bad batch", http.StatusBadRequest)
}
