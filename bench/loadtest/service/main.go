// Command service runs the load test's example service (bench/loadtest/app)
// in one of its builds, with its backend, on loopback ports. It prints
// "ready <url>" on stdout once it serves, and flushes its tracer on SIGTERM.
//
//	service -variant zipkingen -rate 0.01 -collector http://127.0.0.1:9411/api/v2/spans
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
	"os"
	"os/signal"
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
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.variant, "variant", "untraced", "untraced, zipkingen, zipkingo or otel")
	fs.Float64Var(&c.rate, "rate", 1, "sampling rate of new traces, 0..1")
	fs.StringVar(&c.collector, "collector", "", "Zipkin collector URL (…/api/v2/spans)")
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
	url, stop, err := listen(h)
	if err != nil {
		return err
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
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
