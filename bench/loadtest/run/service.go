package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/zipkingen/zipkingen/bench/loadtest/debugapi"
)

// service is a running example service process.
type service struct {
	cmd      *exec.Cmd
	url      string // the measured listener
	debugURL string // its debug listener: pprof, /debug/sample, /debug/flush
	stopped  bool
}

// startService starts bin with args and waits for its "ready <url>" line
// (after its "debug <url>" line).
func startService(bin string, args []string, collectorURL string) (*service, error) {
	cmd := exec.Command(bin, append(args, "-collector", collectorURL, "-debug", "127.0.0.1:0")...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &service{cmd: cmd}
	ready := make(chan [2]string, 1)
	go func() {
		var debug string
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if url, ok := strings.CutPrefix(sc.Text(), "debug "); ok {
				debug = url
			}
			if url, ok := strings.CutPrefix(sc.Text(), "ready "); ok {
				ready <- [2]string{url, debug}
			}
		}
	}()
	select {
	case urls := <-ready:
		s.url, s.debugURL = urls[0], urls[1]
		return s, nil
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, fmt.Errorf("%s did not become ready", bin)
	}
}

// stop sends SIGTERM (the service flushes its tracer) and waits, killing
// the process if it has not exited after 10 s.
func (s *service) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// status returns a memory field of /proc/<pid>/status ("VmRSS", "VmHWM")
// in bytes, or 0 when it cannot be read.
func (s *service) status(field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(v) // "12345 kB"
			if len(f) == 2 && f[1] == "kB" {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}

// clockTicks is USER_HZ, the unit of the times in /proc/<pid>/stat: 100
// on every Linux architecture Go supports.
const clockTicks = 100

// cpuTime is the user+system time of the service's threads so far, from
// /proc/<pid>/stat (0 when it cannot be read).
func (s *service) cpuTime() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	return parseProcStatCPU(string(b))
}

// parseProcStatCPU reads utime and stime (fields 14 and 15) from a
// /proc/<pid>/stat line. The command name (field 2) is in parentheses and
// may contain spaces, so fields are counted from its closing parenthesis.
func parseProcStatCPU(stat string) time.Duration {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(stat[i+1:]) // f[0] is field 3
	if len(f) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// selfCPUTime is this process's user+system time: the collector's work,
// as nothing else runs here while wrk does.
func selfCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuProfile saves a CPU profile of the next d of the service to path.
func (s *service) cpuProfile(d time.Duration, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	resp, err := http.Get(fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", s.debugURL, int(d.Seconds())))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("pprof answered %s", resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sample is what the service's /debug/sample returns.
type sample = debugapi.Sample

// sample fetches one sample of the service's heap and tracer counters.
func (s *service) sample(ctx context.Context) (sample, error) {
	var out sample
	err := s.debugCall(ctx, http.MethodGet, "/debug/sample", &out)
	return out, err
}

// flush makes the service flush its tracer and returns a sample taken
// afterwards.
func (s *service) flush(ctx context.Context) (sample, error) {
	var out struct {
		Sample sample `json:"sample"`
		Error  string `json:"error"`
	}
	if err := s.debugCall(ctx, http.MethodPost, "/debug/flush", &out); err != nil {
		return sample{}, err
	}
	if out.Error != "" {
		return out.Sample, fmt.Errorf("flush: %s", out.Error)
	}
	return out.Sample, nil
}

func (s *service) debugCall(ctx context.Context, method, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, method, s.debugURL+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// loadAverage is the first line of /proc/loadavg, or "".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
