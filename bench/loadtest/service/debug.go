package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/pprof"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"

	"github.com/zipkingen/zipkingen/bench/loadtest/debugapi"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// debugMux is the service's debug listener, for the load test only
// (-debug 127.0.0.1:0), on its own loopback port, never on the measured
// one:
//
//	/debug/pprof/   net/http/pprof
//	/debug/sample   one JSON sample: heap, requests served, tracer counters
//	/debug/flush    POST: flush the tracer (zipkingen), then a sample
func debugMux(variant string, served *atomic.Int64) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("GET /debug/sample", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, takeSample(variant, served))
	})
	mux.HandleFunc("POST /debug/flush", func(w http.ResponseWriter, r *http.Request) {
		s := flushSample{}
		if variant == "zipkingen" {
			ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
			defer cancel()
			if err := zipkin.Default().Flush(ctx); err != nil {
				s.Error = err.Error()
			}
		}
		s.Sample = takeSample(variant, served)
		writeJSON(w, s)
	})
	return mux
}

// counted counts the requests h has served.
func counted(h http.Handler, n *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		n.Add(1)
	})
}

// sample is what /debug/sample returns.
type sample = debugapi.Sample

// flushSample is what /debug/flush returns.
type flushSample struct {
	Sample sample `json:"sample"`
	Error  string `json:"error,omitempty"`
}

func takeSample(variant string, served *atomic.Int64) sample {
	ms := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	metrics.Read(ms)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s := sample{
		At:          time.Now(),
		Served:      served.Load(),
		HeapInuse:   m.HeapInuse,
		HeapObjects: ms[0].Value.Uint64(),
		HeapLive:    ms[1].Value.Uint64(),
	}
	if variant == "zipkingen" {
		st := zipkin.Default().Stats()
		s.Tracer = &st
	}
	return s
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
