package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// lockedWriter serializes whole lines from several services onto one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) println(prefix string, lines ...string) {
	var b strings.Builder
	for _, line := range lines {
		b.WriteString(prefix)
		b.WriteString(line)
		b.WriteByte('\n')
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	io.WriteString(l.w, b.String())
}

// process is one running service.
type process struct {
	name   string
	cmd    *exec.Cmd
	addr   chan string       // its listening address, once
	stats  chan serviceStats // its counters, once, on exit
	output sync.WaitGroup    // the goroutines copying its stdout and stderr
}

// startProcess runs `exe serve name args...` with its own service name, and
// forwards its output line by line, prefixed with the service name.
func startProcess(exe, name string, args []string, stdout, stderr *lockedWriter) (*process, error) {
	p := &process{name: name, addr: make(chan string, 1), stats: make(chan serviceStats, 1)}
	p.cmd = exec.Command(exe, append([]string{"serve", name}, args...)...)
	p.cmd.Env = append(os.Environ(), "ZIPKIN_SERVICE_NAME="+name)
	p.cmd.SysProcAttr = childProcAttr()
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	errOut, err := p.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	prefix := fmt.Sprintf("[%s] ", name)
	p.output.Add(2)
	go p.copyLines(errOut, func(lines []string) { stderr.println(prefix, lines...) })
	go p.copyLines(out, func(lines []string) {
		for _, line := range lines {
			p.stdoutLine(line, prefix, stdout)
		}
	})
	return p, nil
}

// copyLines forwards r's complete lines, batching those that arrived
// together: a trace tree the debug reporter wrote at once stays in one
// piece instead of interleaving with another service's lines.
func (p *process) copyLines(r io.Reader, emit func([]string)) {
	defer p.output.Done()
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, err := br.ReadString('\n')
		if line == "" && err != nil {
			return
		}
		batch := []string{strings.TrimSuffix(line, "\n")}
		for br.Buffered() > 0 && err == nil {
			if line, err = br.ReadString('\n'); line != "" {
				batch = append(batch, strings.TrimSuffix(line, "\n"))
			}
		}
		emit(batch)
		if err != nil {
			return
		}
	}
}

// stdoutLine picks the address and counter lines out of a service's output.
func (p *process) stdoutLine(line, prefix string, stdout *lockedWriter) {
	if addr, ok := strings.CutPrefix(line, listenPrefix); ok {
		select {
		case p.addr <- addr:
		default:
		}
	}
	if st, ok := parseStatsLine(line); ok {
		select {
		case p.stats <- st:
		default:
		}
		return
	}
	stdout.println(prefix, line)
}

// waitAddr waits for the service to say where it listens.
func (p *process) waitAddr(timeout time.Duration) (string, error) {
	select {
	case a := <-p.addr:
		return a, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("%s did not start listening within %v", p.name, timeout)
	}
}

// stop asks the service to shut down (it flushes its spans), kills it if it
// takes too long, and returns its counters.
func (p *process) stop(timeout time.Duration) (serviceStats, error) {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan struct{})
	go func() { p.output.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(timeout):
		_ = p.cmd.Process.Kill()
		<-exited
	}
	err := p.cmd.Wait()
	select {
	case st := <-p.stats:
		return st, err
	default:
		return serviceStats{Service: p.name}, fmt.Errorf("%s exited without reporting its span counters (%v)", p.name, err)
	}
}
