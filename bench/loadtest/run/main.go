package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// options is the command line.
type options struct {
	duration, outage time.Duration
	connections      int
	threads          int
	out              string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.DurationVar(&o.duration, "duration", 15*time.Second, "wrk duration per variant")
	fs.DurationVar(&o.outage, "outage", 20*time.Second, "load duration of the collector-outage test (0: skip it)")
	fs.IntVar(&o.connections, "connections", 32, "wrk connections")
	fs.IntVar(&o.threads, "threads", 2, "wrk threads")
	fs.StringVar(&o.out, "out", "results/loadtest.md", "markdown file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := loadTest(o, stdout); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	return 0
}

// variant is one build of the service and its flags.
type variant struct {
	name string
	args []string
}

var variants = []variant{
	{"untraced", []string{"-variant", "untraced"}},
	{"zipkingen 100%", []string{"-variant", "zipkingen", "-rate", "1"}},
	{"zipkingen 1%", []string{"-variant", "zipkingen", "-rate", "0.01"}},
	{"zipkin-go 100%", []string{"-variant", "zipkingo", "-rate", "1"}},
	{"zipkin-go 1%", []string{"-variant", "zipkingo", "-rate", "0.01"}},
	{"OTel 100%", []string{"-variant", "otel", "-rate", "1"}},
	{"OTel 1%", []string{"-variant", "otel", "-rate", "0.01"}},
}

// measurement is one variant's load-test outcome.
type measurement struct {
	variant
	wrk       wrkResult
	peakRSS   int64 // bytes, VmHWM
	collected int64 // bytes the collector received
}

func loadTest(o options, progress io.Writer) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is not installed (make loadtest installs it)")
	}
	bin, cleanup, err := buildService()
	if err != nil {
		return err
	}
	defer cleanup()
	col := newCollector()
	defer col.srv.Close()
	var ms []measurement
	for _, v := range variants {
		fmt.Fprintf(progress, "loadtest: %s for %s\n", v.name, o.duration)
		m, err := measure(bin, v, col, o)
		if err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
		ms = append(ms, m)
	}
	var outages []outageResult
	if o.outage > 0 {
		for _, v := range outageVariants() {
			fmt.Fprintf(progress, "loadtest: %s with the collector down for %s\n", v.name, o.outage)
			r, err := measureOutage(bin, v, o)
			if err != nil {
				return fmt.Errorf("%s (outage): %w", v.name, err)
			}
			outages = append(outages, r)
		}
	}
	var buf bytes.Buffer
	writeReport(&buf, o, ms, outages)
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(o.out, buf.Bytes(), 0o644)
}

// buildService compiles bench/loadtest/service into a temporary directory.
func buildService() (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "loadtest")
	if err != nil {
		return "", nil, err
	}
	bin = filepath.Join(dir, "service")
	cmd := exec.Command("go", "build", "-o", bin, "./loadtest/service")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("building the service (run from bench/): %w", err)
	}
	return bin, func() { os.RemoveAll(dir) }, nil
}

// collector accepts span batches and counts their bytes without decoding
// them: the load test measures the service, not the collector.
type collector struct {
	srv   *httptest.Server
	bytes atomic.Int64
}

func newCollector() *collector {
	c := &collector{}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		c.bytes.Add(n)
		w.WriteHeader(http.StatusAccepted)
	}))
	return c
}

func (c *collector) url() string { return c.srv.URL + "/api/v2/spans" }

// measure runs one variant: a short warm-up, then the measured wrk run.
func measure(bin string, v variant, col *collector, o options) (measurement, error) {
	svc, err := startService(bin, v.args, col.url())
	if err != nil {
		return measurement{}, err
	}
	defer svc.stop()
	if _, err := runWrk(svc.url, 2*time.Second, o); err != nil {
		return measurement{}, fmt.Errorf("warm-up: %w", err)
	}
	before := col.bytes.Load()
	res, err := runWrk(svc.url, o.duration, o)
	if err != nil {
		return measurement{}, err
	}
	m := measurement{variant: v, wrk: res, peakRSS: svc.status("VmHWM")}
	svc.stop() // flushes the tracer into the collector
	m.collected = col.bytes.Load() - before
	return m, nil
}

// runWrk drives url's item route for d.
func runWrk(url string, d time.Duration, o options) (wrkResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "wrk", "--latency",
		"-t", fmt.Sprint(o.threads), "-c", fmt.Sprint(o.connections),
		"-d", fmt.Sprintf("%ds", int(d.Seconds())), url+"/items/42")
	out, err := cmd.Output()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w", err)
	}
	res, err := parseWrk(bytes.NewReader(out))
	if err == nil && res.Errors > res.Requests/100 {
		err = fmt.Errorf("wrk saw %d errors in %d requests", res.Errors, res.Requests)
	}
	return res, err
}

// closedPort returns a loopback URL on which nothing listens: the collector
// during an outage (connections are refused at once).
func closedPort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/api/v2/spans", nil
}
