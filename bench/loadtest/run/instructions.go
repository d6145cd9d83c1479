package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
)

// Instruction counts are the load test's steadiest measure. req/s and
// even CPU time per request move by ±15% between runs of the same binary
// on a shared machine; the number of instructions a process executes
// hardly depends on what else runs (only through timers that fire by
// wall time, such as a reporter's flush). valgrind's callgrind counts the
// user-space instructions of every thread of BenchmarkService (the same
// service, backend, tracer and a loopback collector in one process, with
// in-process clients instead of wrk) for the same variant at two request
// counts; the difference divided by the difference in requests is the
// cost of one request, set-up excluded. Kernel work (the system calls of
// sockets) is not counted, nor are cache misses: it is a measure of work
// done, not of time.

// instrBase is the request count of the first run; the second adds
// -instructions requests to it.
const instrBase = 1000

// instrResult is one variant's count.
type instrResult struct {
	variant
	perRequest float64 // user-space instructions per request
}

// countInstructions measures each variant under valgrind (which loadTest
// checks for before the load test, not after it).
func countInstructions(vs []variant, extra int, progress io.Writer) ([]instrResult, error) {
	dir, err := os.MkdirTemp("", "loadtest-instr")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "service.test")
	// Without cgo: valgrind cannot follow the signal handling of cgo's
	// threads.
	cmd := exec.Command("go", "test", "-c", "-o", bin, "./loadtest/service")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building BenchmarkService (run from bench/): %w", err)
	}
	var out []instrResult
	for _, v := range vs {
		fmt.Fprintf(progress, "loadtest: instructions: %s\n", v.name)
		a, err := callgrind(bin, v.key, instrBase)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", v.name, err)
		}
		b, err := callgrind(bin, v.key, instrBase+extra)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", v.name, err)
		}
		out = append(out, instrResult{variant: v, perRequest: float64(b-a) / float64(extra)})
	}
	return out, nil
}

var collectedRE = regexp.MustCompile(`Collected : (\d+)`)

// callgrind runs BenchmarkService/key for n requests under callgrind and
// returns the instructions executed.
func callgrind(bin, key string, n int) (int64, error) {
	cmd := exec.Command("valgrind", "--tool=callgrind", "--fair-sched=yes", "--callgrind-out-file=/dev/null",
		bin, "-test.run", "^$", "-test.bench", "^BenchmarkService$/^"+regexp.QuoteMeta(key)+"$",
		"-test.benchtime", strconv.Itoa(n)+"x")
	// Go preempts goroutines with signals, which callgrind's accounting
	// of threads does not survive. One P: valgrind runs one thread at a
	// time anyway, and idle Ps spinning for work would add instructions
	// that depend on timing (with two, repeated counts differed by 4%).
	cmd.Env = append(os.Environ(), "GODEBUG=asyncpreemptoff=1", "GOMAXPROCS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("valgrind: %w\n%s", err, tail(stderr.String(), 2000))
	}
	if !bytes.Contains(stdout.Bytes(), []byte("BenchmarkService/"+key)) {
		return 0, fmt.Errorf("BenchmarkService has no variant %q:\n%s", key, tail(stdout.String(), 2000))
	}
	return parseCollected(stderr.String())
}

// parseCollected reads callgrind's total instruction count from its
// summary line.
func parseCollected(s string) (int64, error) {
	m := collectedRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("no instruction count in valgrind's output:\n%s", tail(s, 2000))
	}
	return strconv.ParseInt(m[1], 10, 64)
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
