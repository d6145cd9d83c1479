package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// options is the command line.
type options struct {
	duration, warmup time.Duration
	rounds           int
	variants         string // comma list of variant keys; "" for all
	connections      int
	threads          int

	outage         time.Duration // collector down; 0 skips the outage test
	outageBefore   time.Duration // load with the collector up, before it goes
	outageAfter    time.Duration // load after it is back
	outageVariants string        // comma list of variant keys
	profile        time.Duration // CPU profile of each service, seconds of it (0: none)
	profileDir     string
	instructions   int // requests counted under valgrind per variant (0: no count)

	out string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "wrk duration per variant and round")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured wrk run before each measured one")
	fs.IntVar(&o.rounds, "rounds", 3, "rounds: every variant once per round, interleaved (alternate rounds in reverse order)")
	fs.StringVar(&o.variants, "variants", "", "comma list of variants to run (default all): "+strings.Join(variantKeys(), ","))
	fs.IntVar(&o.connections, "connections", 32, "wrk connections")
	fs.IntVar(&o.threads, "threads", 2, "wrk threads")
	fs.DurationVar(&o.outage, "outage", 60*time.Second, "how long the collector is down in the outage test (0: skip the test)")
	fs.DurationVar(&o.outageBefore, "outage-before", 10*time.Second, "load with the collector up before the outage (the heap baseline)")
	fs.DurationVar(&o.outageAfter, "outage-after", 30*time.Second, "load after the collector is back")
	fs.StringVar(&o.outageVariants, "outage-variants", "zipkingen-100", "comma list of variants for the outage test")
	fs.DurationVar(&o.profile, "profile", 0, "take a CPU profile of this long during each variant's first measured run (written to -profile-dir)")
	fs.StringVar(&o.profileDir, "profile-dir", "results/loadtest-profiles", "directory of the CPU profiles")
	fs.IntVar(&o.instructions, "instructions", 2000, "count the user-space instructions per request of each variant under valgrind, over this many requests (0: skip)")
	fs.StringVar(&o.out, "out", "results/loadtest.md", "markdown file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := o.check(); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 2
	}
	if err := loadTest(o, stdout); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	return 0
}

func (o options) check() error {
	var errs []error
	if o.rounds < 1 {
		errs = append(errs, errors.New("-rounds must be at least 1"))
	}
	if o.duration < time.Second || o.duration%time.Second != 0 {
		errs = append(errs, errors.New("-duration must be whole seconds (wrk's unit)"))
	}
	if o.instructions < 0 {
		errs = append(errs, errors.New("-instructions must not be negative"))
	}
	if o.profile > o.duration {
		errs = append(errs, errors.New("-profile must not exceed -duration"))
	}
	for _, list := range []string{o.variants, o.outageVariants} {
		if _, err := selectVariants(list); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// variant is one build of the service and its flags.
type variant struct {
	key  string // for -variants
	name string // in the report
	args []string
}

var variants = []variant{
	{"untraced", "untraced", []string{"-variant", "untraced"}},
	{"b3-headers", "B3 headers only", []string{"-variant", "b3-headers"}},
	{"floor", "floor (B3 headers, span bytes)", []string{"-variant", "floor"}},
	{"zipkingen-100", "zipkingen 100%", []string{"-variant", "zipkingen", "-rate", "1"}},
	{"zipkingen-1", "zipkingen 1%", []string{"-variant", "zipkingen", "-rate", "0.01"}},
	{"zipkingen-100-gzip", "zipkingen 100%, gzip forced", []string{"-variant", "zipkingen", "-rate", "1", "-gzip"}},
	{"zipkingo-100", "zipkin-go 100%", []string{"-variant", "zipkingo", "-rate", "1"}},
	{"zipkingo-1", "zipkin-go 1%", []string{"-variant", "zipkingo", "-rate", "0.01"}},
	{"otel-100", "OTel 100%", []string{"-variant", "otel", "-rate", "1"}},
	{"otel-1", "OTel 1%", []string{"-variant", "otel", "-rate", "0.01"}},
}

func variantKeys() []string {
	var keys []string
	for _, v := range variants {
		keys = append(keys, v.key)
	}
	return keys
}

// selectVariants returns the variants named in list, in the table's
// order; "" selects all of them.
func selectVariants(list string) ([]variant, error) {
	if list == "" {
		return variants, nil
	}
	want := strings.Split(list, ",")
	for _, k := range want {
		if !slices.Contains(variantKeys(), k) {
			return nil, fmt.Errorf("unknown variant %q (known: %s)", k, strings.Join(variantKeys(), ","))
		}
	}
	var out []variant
	for _, v := range variants {
		if slices.Contains(want, v.key) {
			out = append(out, v)
		}
	}
	return out, nil
}

// roundOrder is the order of the variants in round r (from 0): as listed
// in even rounds, reversed in odd ones, so that a drift in the machine's
// load over the run does not favour the variants listed first.
func roundOrder(vs []variant, r int) []variant {
	out := slices.Clone(vs)
	if r%2 == 1 {
		slices.Reverse(out)
	}
	return out
}

func loadTest(o options, progress io.Writer) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is not installed (make loadtest installs it)")
	}
	if _, err := exec.LookPath("valgrind"); o.instructions > 0 && err != nil {
		return errors.New("valgrind is not installed (make loadtest installs it; -instructions 0 skips the count)")
	}
	vs, _ := selectVariants(o.variants)
	ovs, _ := selectVariants(o.outageVariants)
	bin, cleanup, err := buildService()
	if err != nil {
		return err
	}
	defer cleanup()
	col, err := newCollector(false)
	if err != nil {
		return err
	}
	defer col.close()
	start := time.Now()
	var ms []measurement
	for r := range o.rounds {
		for _, v := range roundOrder(vs, r) {
			fmt.Fprintf(progress, "loadtest: round %d/%d: %s for %s\n", r+1, o.rounds, v.name, o.duration)
			m, err := measure(bin, v, col, o, r)
			if err != nil {
				return fmt.Errorf("%s: %w", v.name, err)
			}
			fmt.Fprintf(progress, "loadtest:   %.0f req/s, %.1f µs of service CPU per request\n", m.wrk.ReqPerSec, m.cpuPerReq(m.serviceCPU))
			ms = append(ms, m)
		}
	}
	var outages []outageResult
	if o.outage > 0 {
		for _, v := range ovs {
			fmt.Fprintf(progress, "loadtest: %s: collector up %s, down %s, up %s\n", v.name, o.outageBefore, o.outage, o.outageAfter)
			r, err := measureOutage(bin, v, o, progress)
			if err != nil {
				return fmt.Errorf("%s (outage): %w", v.name, err)
			}
			outages = append(outages, r)
		}
	}
	var instr []instrResult
	if o.instructions > 0 {
		if instr, err = countInstructions(vs, o.instructions, progress); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	writeReport(&buf, reportInput{o: o, variants: vs, ms: ms, instr: instr, outages: outages, elapsed: time.Since(start), load: loadAverage()})
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

// measurement is one variant's outcome in one round.
type measurement struct {
	variant
	round                int
	wrk                  wrkResult
	serviceCPU           time.Duration // the service process (and its backend)
	wrkCPU               time.Duration // the measured wrk process
	collectorCPU         time.Duration // this process, which runs the collector
	peakRSS              int64         // bytes, VmHWM
	collected, collBatch int64         // bytes and requests the collector received
}

// cpuPerReq is d per request, in µs.
func (m measurement) cpuPerReq(d time.Duration) float64 {
	if m.wrk.Requests == 0 {
		return 0
	}
	return float64(d.Microseconds()) / float64(m.wrk.Requests)
}

// totalCPU is the CPU time of everything the load test ran.
func (m measurement) totalCPU() time.Duration { return m.serviceCPU + m.wrkCPU + m.collectorCPU }

// measure runs one variant: a warm-up, then the measured wrk run, with
// the CPU time of the service, of wrk and of the collector around it.
func measure(bin string, v variant, col *collector, o options, round int) (measurement, error) {
	svc, err := startService(bin, v.args, col.url())
	if err != nil {
		return measurement{}, err
	}
	defer svc.stop()
	if _, err := runWrk(svc.url, o.warmup, o); err != nil {
		return measurement{}, fmt.Errorf("warm-up: %w", err)
	}
	bytes0, batches0 := col.bytes.Load(), col.requests.Load()
	svc0, self0 := svc.cpuTime(), selfCPUTime()
	var prof chan error
	if o.profile > 0 && round == 0 {
		prof = make(chan error, 1)
		go func() { prof <- svc.cpuProfile(o.profile, filepath.Join(o.profileDir, v.key+".pprof")) }()
	}
	res, err := runWrk(svc.url, o.duration, o)
	if err != nil {
		return measurement{}, err
	}
	m := measurement{
		variant:      v,
		round:        round,
		wrk:          res,
		serviceCPU:   svc.cpuTime() - svc0,
		wrkCPU:       res.CPU,
		collectorCPU: selfCPUTime() - self0,
		peakRSS:      svc.status("VmHWM"),
	}
	if prof != nil {
		if err := <-prof; err != nil {
			return measurement{}, fmt.Errorf("profile: %w", err)
		}
	}
	svc.stop() // flushes the tracer into the collector
	m.collected, m.collBatch = col.bytes.Load()-bytes0, col.requests.Load()-batches0
	return m, nil
}

// runWrk drives url's item route for d.
func runWrk(url string, d time.Duration, o options) (wrkResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "wrk", "--latency",
		"-t", fmt.Sprint(o.threads), "-c", fmt.Sprint(o.connections),
		"-d", fmt.Sprintf("%ds", int(d.Round(time.Second).Seconds())), url+"/items/42")
	out, err := cmd.Output()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w", err)
	}
	res, err := parseWrk(bytes.NewReader(out))
	if err == nil && res.Errors > res.Requests/100 {
		err = fmt.Errorf("wrk saw %d errors in %d requests", res.Errors, res.Requests)
	}
	res.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return res, err
}
