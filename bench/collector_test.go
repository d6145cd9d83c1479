package bench

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// collector is a loopback Zipkin collector: it decodes every POSTed batch
// of Zipkin v2 JSON (gzipped or not) and counts the spans in it, as a real
// collector would have to, so that a reporter cannot win by sending junk.
type collector struct {
	srv      *httptest.Server
	spans    atomic.Int64
	requests atomic.Int64
	bad      atomic.Int64 // batches that did not decode
}

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
	c.requests.Add(1)
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			c.reject(w)
			return
		}
		body = zr
	}
	var spans []decodedSpan
	if err := json.NewDecoder(body).Decode(&spans); err != nil {
		c.reject(w)
		return
	}
	for _, s := range spans {
		if s.TraceID == "" || s.ID == "" {
			c.reject(w)
			return
		}
	}
	c.spans.Add(int64(len(spans)))
	w.WriteHeader(http.StatusAccepted)
}

func (c *collector) reject(w http.ResponseWriter) {
	c.bad.Add(1)
	http.Error(w, "bad batch", http.StatusBadRequest)
}
