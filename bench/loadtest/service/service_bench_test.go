package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/bench/loadtest/app"
)

// BenchmarkService is the load test in one process, for `go test -bench`
// and benchstat: the service of every variant with its backend on
// loopback, a loopback collector that discards what it receives, and
// parallel clients on keep-alive connections in place of wrk. One op is
// one request through the service (server span, three traced functions,
// client span to the backend). cpu-ns/op is the CPU time of the whole
// process per request (clients, service, backend, reporter, collector):
// the steadier measure on a shared machine, where ns/op follows whatever
// else runs.
//
//	cd bench && go test -run '^$' -bench Service -count 6 ./loadtest/service
func BenchmarkService(b *testing.B) {
	col := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer col.Close()
	for _, c := range []struct {
		name string
		cfg  config
	}{
		{"untraced", config{variant: "untraced"}},
		{"b3-headers", config{variant: "b3-headers"}},
		{"floor", config{variant: "floor"}},
		{"zipkingen-100", config{variant: "zipkingen", rate: 1}},
		{"zipkingen-1", config{variant: "zipkingen", rate: 0.01}},
		{"zipkingen-100-gzip", config{variant: "zipkingen", rate: 1, gzip: true}},
		{"zipkingo-100", config{variant: "zipkingo", rate: 1}},
		{"zipkingo-1", config{variant: "zipkingo", rate: 0.01}},
		{"otel-100", config{variant: "otel", rate: 1}},
		{"otel-1", config{variant: "otel", rate: 0.01}},
	} {
		b.Run(c.name, func(b *testing.B) {
			c.cfg.collector = col.URL + "/api/v2/spans"
			benchmarkService(b, c.cfg)
		})
	}
}

func benchmarkService(b *testing.B, c config) {
	backendURL, stopBackend, err := listen(app.Backend())
	if err != nil {
		b.Fatal(err)
	}
	defer stopBackend()
	h, shutdown, err := build(c, backendURL)
	if err != nil {
		b.Fatal(err)
	}
	url, stop, err := listen(h)
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = shutdown(ctx)
	}()
	client := &http.Client{Transport: baseTransport()}
	get := func() error {
		resp, err := client.Get(url + "/items/42")
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return err
	}
	for range 200 { // connections and pools warm
		if err := get(); err != nil {
			b.Fatal(err)
		}
	}
	b.SetParallelism(8) // 16 clients on 2 cores, like wrk's 32 connections on its 2 threads
	b.ReportAllocs()
	cpu0 := processCPU()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := get(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
