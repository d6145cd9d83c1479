package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/zipkingen/zipkingen/examples/shop/tracetree"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// treeCollector is what -trees adds to the driver: a Zipkin collector on
// loopback that the driver and every service report to, so that each
// request's trace can be printed whole at the end rather than as one
// fragment per process.
type treeCollector struct {
	spans  tracetree.Collector
	srv    *http.Server
	served chan error
}

// startTreeCollector listens on a free loopback port and points
// ZIPKIN_ENDPOINT there, for the services, which inherit the environment,
// and for the driver, whose default tracer it replaces.
func startTreeCollector() (*treeCollector, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	os.Setenv("ZIPKIN_ENDPOINT", "http://"+l.Addr().String()+"/api/v2/spans")
	os.Setenv("ZIPKIN_ENCODING", "json") // what the collector reads
	opts, err := zipkin.OptionsFromEnv(os.Getenv)
	if err == nil {
		var t *zipkin.Tracer
		if t, err = zipkin.New(opts); err == nil {
			zipkin.SetDefault(t)
		}
	}
	if err != nil {
		l.Close()
		return nil, err
	}
	tc := &treeCollector{served: make(chan error, 1)}
	tc.srv = &http.Server{Handler: &tc.spans, ReadHeaderTimeout: 5 * time.Second}
	go func() { tc.served <- tc.srv.Serve(l) }()
	return tc, nil
}

// print stops the collector, once every process has flushed its spans,
// and prints each request's trace as one tree, in the order they were
// sent, then any other trace received.
func (tc *treeCollector) print(w io.Writer, requests []result) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := tc.srv.Shutdown(ctx)
	if serr := <-tc.served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	spans := tc.spans.Spans()
	order := make([]string, len(requests))
	titles := map[string]string{}
	for i, r := range requests {
		order[i] = r.TraceID
		titles[r.TraceID] = fmt.Sprintf("GET %s → %d", r.Path, r.Status)
	}
	traces := tracetree.Group(spans, order...)
	for i := range traces {
		traces[i].Title = titles[traces[i].ID]
	}
	fmt.Fprintf(w, "\n== each request's whole trace: %d spans that the driver collected from every process ==\n\n", len(spans))
	return errors.Join(err, tracetree.Print(w, traces))
}
