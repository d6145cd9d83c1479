package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestFloor: the floor does what it claims, so that it is not cheaper
// than a tracer by skipping work: the backend sees the four B3 headers on
// every call, the caller's request keeps its headers, and the collector
// receives five valid JSON spans per request, in batches of 1000 spans.
func TestFloor(t *testing.T) {
	var mu sync.Mutex
	var batches [][]json.RawMessage
	col := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var spans []json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&spans); err != nil || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("collector: %v, Content-Type %q", err, r.Header.Get("Content-Type"))
		}
		mu.Lock()
		batches = append(batches, spans)
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer col.Close()
	var missing int
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, k := range []string{"X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled"} {
			if r.Header.Get(k) == "" {
				mu.Lock()
				missing++
				mu.Unlock()
			}
		}
		_, _ = io.WriteString(w, "7")
	}))
	defer backend.Close()
	h, shutdown, err := build(config{variant: "floor", collector: col.URL}, backend.URL)
	if err != nil {
		t.Fatal(err)
	}
	// The caller's request is not modified.
	req, err := http.NewRequest("GET", backend.URL+"/stock/1", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/plain")
	resp, err := (floorTransport{http.DefaultTransport}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(req.Header) != 1 {
		t.Errorf("the caller's request has headers %v after the call, want only Accept", req.Header)
	}
	const requests = 450
	for range requests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/items/42", nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"stock":7`) {
			t.Fatalf("GET /items/42: %d %s", w.Code, w.Body)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if missing != 0 {
		t.Errorf("%d B3 headers missing at the backend over %d calls", missing, requests+1)
	}
	var sizes []int
	total := 0
	for _, b := range batches {
		sizes = append(sizes, len(b))
		total += len(b)
	}
	if total != requests*floorSpansPerRequest || len(batches) != 3 || sizes[0] != 1000 || sizes[1] != 1000 {
		t.Errorf("collector got batches of %v spans, want 1000, 1000, 250", sizes)
	}
	// Requests still in flight after shutdown add nothing: a batch's worth
	// of them would otherwise send on the closed queue.
	mu.Unlock()
	for range floorBatchRequests {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/42", nil))
	}
	mu.Lock()
	if len(batches) != 3 {
		t.Errorf("the collector got %d batches, want 3: spans were sent after shutdown", len(batches))
	}
}

// TestB3HeadersVariant: the floor's first half alone still sends the
// headers, and serves the route.
func TestB3HeadersVariant(t *testing.T) {
	seen := make(chan string, 1)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.Header.Get("X-B3-TraceId") + " " + r.Header.Get("X-B3-SpanId") + " " + r.Header.Get("X-B3-ParentSpanId") + " " + r.Header.Get("X-B3-Sampled")
		_, _ = io.WriteString(w, "7")
	}))
	defer backend.Close()
	h, _, err := build(config{variant: "b3-headers"}, backend.URL)
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/items/42", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET /items/42: %d %s", w.Code, w.Body)
	}
	if got, want := <-seen, "951eb8e38240f8d6e1cd7e8b560cff1f 76aef40145df7526 c0741e5e99d8b340 1"; got != want {
		t.Errorf("backend saw B3 headers %q, want %q", got, want)
	}
}
