// Command service runs the load test's example service (bench/loadtest/app)
// in one of its builds, with its backend, on loopback ports. It prints
// "ready <url>" on stdout once it serves (after "debug <url>" with -debug),
// and flushes its tracer on SIGTERM.
//
//	service -variant zipkingen -rate 0.01 -collector http://127.0.0.1:9411/api/v2/spans
//
// -debug 127.0.0.1:0 adds a loopback debug listener for the load test
// (debug.go): net/http/pprof, /debug/sample (heap and tracer counters) and
// /debug/flush. The zipkingen build sends its batches uncompressed to the
// loopback collector (zipkin.CompressAuto); -gzip forces compression, to
// measure what it costs a service whose collector is remote.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/zipkingen/zipkingen/bench/loadtest/app"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// config is the command line.
type config struct {
	variant   string
	rate      float64
	collector string
	debug     string // loopback address of the debug listener, "" for none
	gzip      bool   // zipkingen: gzip batches although the collector is on loopback
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.variant, "variant", "untraced", "untraced, b3-headers, floor, zipkingen, zipkingo or otel")
	fs.Float64Var(&c.rate, "rate", 1, "sampling rate of new traces, 0..1")
	fs.StringVar(&c.collector, "collector", "", "Zipkin collector URL (…/api/v2/spans)")
	fs.BoolVar(&c.gzip, "gzip", false, "zipkingen: gzip span batches although the collector is on loopback, to measure what gzip costs")
	fs.StringVar(&c.debug, "debug", "", "serve pprof and /debug/sample on this loopback address (127.0.0.1:0 picks a port)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := serve(c, stdout); err != nil {
		fmt.Fprintln(stderr, "service:", err)
		return 1
	}
	return 0
}

// serve starts the backend and the service, announces the service's URL,
// and runs until SIGTERM or SIGINT.
func serve(c config, stdout io.Writer) error {
	backendURL, stopBackend, err := listen(app.Backend())
	if err != nil {
		return err
	}
	defer stopBackend()
	h, shutdown, err := build(c, backendURL)
	if err != nil {
		return err
	}
	var served atomic.Int64
	if c.debug != "" {
		h = counted(h, &served)
	}
	url, stop, err := listen(h)
	if err != nil {
		return err
	}
	if c.debug != "" {
		debugURL, stopDebug, err := listenOn(c.debug, debugMux(c.variant, &served))
		if err != nil {
			return err
		}
		defer stopDebug()
		fmt.Fprintln(stdout, "debug", debugURL)
	}
	fmt.Fprintln(stdout, "ready", url)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
	stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := shutdown(ctx); err != nil {
		// Expected when the collector is down: the spans still queued are
		// lost, which is what the outage test is about.
		fmt.Fprintln(os.Stderr, "service: flushing spans at exit:", err)
	}
	return nil
}

// listen serves h on a free loopback port.
func listen(h http.Handler) (url string, stop func(), err error) {
	return listenOn("127.0.0.1:0", h)
}

// listenOn serves h on addr, which must be a loopback address.
func listenOn(addr string, h http.Handler) (url string, stop func(), err error) {
	if ap, err := netip.ParseAddrPort(addr); err != nil || !ap.Addr().IsLoopback() {
		return "", nil, fmt.Errorf("%q is not a loopback address and port", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Print(err)
		}
	}()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

// baseTransport keeps enough idle connections to the backend that the
// load test does not churn through ephemeral ports.
func baseTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 512
	t.MaxIdleConnsPerHost = 512
	return t
}
