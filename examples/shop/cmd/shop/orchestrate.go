package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// report is what -report writes: every request's outcome and trace ID, and
// every process's span counters after its final flush.
type report struct {
	Requests []result       `json:"requests"`
	Services []serviceStats `json:"services"`
}

// system is the set of running services.
type system struct {
	exe            string
	stdout, stderr *lockedWriter
	procs          []*process        // in start order
	addrs          map[string]string // service name -> 127.0.0.1:port
}

func (s *system) url(name string) string { return "http://" + s.addrs[name] }

// orchestrate starts every service, drives the requests, stops everything
// and prints a summary. It fails if a request did not get the status it
// should have or a service did not shut down cleanly.
func orchestrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("shop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	reportFile := fs.String("report", "", "write the requests' trace IDs and the span counters as JSON to `file`")
	driverRate := fs.Float64("driver-sample-rate", -1, "sample the driver's traces at `rate` (0..1) instead of ZIPKIN_SAMPLE_RATE; the services follow its decision")
	trees := fs.Bool("trees", false, "collect every process's spans in the driver (instead of ZIPKIN_ENDPOINT) and print each request's whole trace at the end")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if os.Getenv("ZIPKIN_SERVICE_NAME") == "" {
		os.Setenv("ZIPKIN_SERVICE_NAME", "driver") // before the default tracer is built
	}
	var collector *treeCollector
	if *trees { // replaces the driver's tracer: before -driver-sample-rate does
		var err error
		if collector, err = startTreeCollector(); err != nil {
			fmt.Fprintln(stderr, "shop:", err)
			return 1
		}
	}
	if *driverRate >= 0 {
		if err := setDriverSampleRate(*driverRate); err != nil {
			fmt.Fprintln(stderr, "shop:", err)
			return 2
		}
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	sys := &system{exe: exe, stdout: &lockedWriter{w: stdout}, stderr: &lockedWriter{w: stderr}, addrs: map[string]string{}}
	rep, err := sys.run()
	if collector != nil {
		err = errors.Join(err, collector.print(stdout, rep.Requests))
	}
	printSummary(stdout, rep)
	if err == nil && *reportFile != "" {
		err = writeReport(*reportFile, rep)
	}
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	return 0
}

// run starts the services, drives the requests and stops the services,
// also when starting or driving failed.
func (s *system) run() (report, error) {
	var rep report
	errStart := s.startAll()
	var errDrive error
	if errStart == nil {
		rep.Requests, errDrive = drive(s.url("frontend"))
	}
	rep.Services = append(rep.Services, shutdownTracer("driver", os.Stderr))
	stats, errStop := s.stopAll()
	rep.Services = append(rep.Services, stats...)
	return rep, errors.Join(errStart, errDrive, errStop)
}

// startAll starts the services in dependency order, each told where the
// services it calls listen.
func (s *system) startAll() error {
	steps := []struct {
		name  string
		flags func() []string
	}{
		{"worker", func() []string { return nil }},
		{"payments", func() []string { return nil }},
		{"catalog", func() []string { return nil }},
		{"inventory", func() []string { return nil }},
		{"checkout", func() []string {
			return []string{"-payments", s.url("payments"), "-queue", s.addrs["worker"], "-inventory", s.addrs["inventory"]}
		}},
		{"frontend", func() []string { return []string{"-catalog", s.url("catalog"), "-checkout", s.url("checkout")} }},
	}
	for _, st := range steps {
		p, err := startProcess(s.exe, st.name, st.flags(), s.stdout, s.stderr)
		if err != nil {
			return err
		}
		s.procs = append(s.procs, p)
		addr, err := p.waitAddr(30 * time.Second)
		if err != nil {
			return err
		}
		s.addrs[st.name] = addr
	}
	return nil
}

// stopAll stops the services callers first, so that nothing in flight is
// cut off, and collects their counters.
func (s *system) stopAll() ([]serviceStats, error) {
	var stats []serviceStats
	var errs []error
	for i := len(s.procs) - 1; i >= 0; i-- {
		st, err := s.procs[i].stop(10 * time.Second)
		stats = append(stats, st)
		errs = append(errs, err)
	}
	return stats, errors.Join(errs...)
}

func printSummary(w io.Writer, rep report) {
	for _, r := range rep.Requests {
		note := ""
		if r.Status >= 500 {
			note = " (fails on purpose)"
		}
		fmt.Fprintf(w, "shop: GET %-16s -> %d%s, trace %s\n", r.Path, r.Status, note, r.TraceID)
	}
	var sampled, reported, dropped uint64
	for _, s := range rep.Services {
		sampled, reported, dropped = sampled+s.Sampled, reported+s.Reported, dropped+s.Dropped
	}
	fmt.Fprintf(w, "shop: spans sampled %d, reported %d, dropped %d across %d processes\n", sampled, reported, dropped, len(rep.Services))
}

func writeReport(path string, rep report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
