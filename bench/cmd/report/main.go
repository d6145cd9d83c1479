package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// run is main with its arguments and error output injected, for tests.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "results/bench.txt", "`go test -bench` output to read")
	out := fs.String("out", "../BENCHMARKS.md", "markdown file to write")
	stat := fs.String("benchstat", "", "benchstat output to include, if any")
	keyedOut := fs.String("keyed", "", "write the results with /impl=<library> names here, for benchstat, and exit")
	gomod := fs.String("gomod", "go.mod", "the bench module's go.mod, for the peers' versions")
	loadavg := fs.String("loadavg", "/proc/loadavg", "the load average when the benchmarks ended, in /proc/loadavg's format (make bench saves a copy); a missing file leaves it out")
	loadtest := fs.String("loadtest", "", "the load test's markdown section to append, when the file exists")
	genspeed := fs.String("genspeed", "", "the generator speed comparison's markdown section to append, when the file exists")
	var commands []string
	fs.Func("cmd", "a command of the run, quoted in the report (repeatable)", func(s string) error {
		commands = append(commands, s)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var err error
	if *keyedOut != "" {
		err = writeKeyed(*in, *keyedOut)
	} else {
		err = report(*in, *out, *stat, *gomod, *loadavg, commands, []section{
			{*loadtest, "Load test (issue 6)", "make loadtest"},
			{*genspeed, "Generator speed (issue 6)", "make genspeed"},
		})
	}
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	return 0
}

func writeKeyed(in, out string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := keyed(bytes.NewReader(src), &buf); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// section is a markdown file made by another command, appended to the
// report when it exists (a placeholder naming the command otherwise).
type section struct{ file, title, command string }

func report(in, out, statFile, gomod, loadavg string, commands []string, sections []section) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := parse(f)
	if err != nil {
		return err
	}
	if len(res.groups) == 0 {
		return errors.New(in + ": no side-by-side results")
	}
	var stat []byte
	if statFile != "" {
		if stat, err = os.ReadFile(statFile); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	writeMarkdown(&buf, res, describeMachine(res, gomod, loadavg), commands, string(stat))
	for _, s := range sections {
		if s.file == "" {
			continue
		}
		text, err := os.ReadFile(s.file)
		switch {
		case err == nil:
			buf.WriteString("\n")
			buf.Write(text)
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(&buf, "\n## %s\n\nNot run with these results: `%s` adds it.\n", s.title, s.command)
		default:
			return err
		}
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// describeMachine asks the go command about the toolchain (the same one
// that ran the benchmarks under make), /proc/cpuinfo about the CPU, and the
// loadavg file about the load when the benchmarks ended: make bench copies
// /proc/loadavg then, so that a later report (after make loadtest) does not
// quote the load of another moment.
func describeMachine(res *results, gomod, loadavg string) machine {
	m := machine{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, GoVersion: runtime.Version(), Cores: runtime.NumCPU(), CPU: res.header["cpu"]}
	if o, err := exec.Command("go", "env", "GOOS", "GOARCH", "GOVERSION").Output(); err == nil {
		if f := strings.Fields(string(o)); len(f) == 3 {
			m.GOOS, m.GOARCH, m.GoVersion = f[0], f[1], f[2]
		}
	}
	if cpu := cpuModel("/proc/cpuinfo"); cpu != "" {
		m.CPU = cpu
	}
	if b, err := os.ReadFile(loadavg); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.LoadAvg = strings.Join(f[:3], ", ")
		}
	}
	m.Peers = peers(gomod)
	return m
}

// cpuModel returns the first "model name" of a /proc/cpuinfo file.
func cpuModel(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// peerModules are the modules whose versions the report names.
var peerModules = []string{
	"github.com/openzipkin/zipkin-go",
	"go.opentelemetry.io/otel",
	"go.opentelemetry.io/otel/sdk",
	"go.opentelemetry.io/otel/exporters/zipkin",
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp",
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin",
	"go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho",
}

// peers lists "module version" for each peer module required in gomod.
func peers(gomod string) []string {
	src, err := os.ReadFile(gomod)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(src), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "require" {
			f = f[1:]
		}
		for _, mod := range peerModules {
			if len(f) >= 2 && f[0] == mod {
				out = append(out, mod+" "+f[1])
			}
		}
	}
	return out
}
