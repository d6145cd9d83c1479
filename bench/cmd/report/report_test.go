package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample is go test output with two runs of two side-by-side benchmarks,
// a custom metric, and lines the parser must skip.
const sample = `goos: linux
goarch: amd64
pkg: github.com/zipkingen/zipkingen/bench
cpu: Test CPU @ 1GHz
BenchmarkChildSampled/zipkingen-2    1000   300.0 ns/op  100.0 cpu-ns/op   64 B/op   1 allocs/op
BenchmarkChildSampled/zipkingo-2     1000   1500.0 ns/op  500.0 cpu-ns/op  776 B/op   7 allocs/op
BenchmarkChildSampled/otel-2         1000   2700.0 ns/op  900.0 cpu-ns/op 1232 B/op   6 allocs/op
BenchmarkChildSampled/zipkingen-2    1000   360.0 ns/op  120.0 cpu-ns/op   64 B/op   1 allocs/op
BenchmarkChildSampled/zipkingo-2     1000   900.0 ns/op  300.0 cpu-ns/op  776 B/op   7 allocs/op
BenchmarkChildSampled/otel-2         1000   2100.0 ns/op  700.0 cpu-ns/op 1232 B/op   6 allocs/op
BenchmarkChildSampled/zipkingen-2    1000   330.0 ns/op  110.0 cpu-ns/op   64 B/op   1 allocs/op
BenchmarkReporterThroughput/zipkingen-2  5000  800 ns/op  0.01 dropped/op  150000 spans/s  10 B/op  0 allocs/op
BenchmarkReporterThroughput/zipkingo-2   5000  900 ns/op  0.9 dropped/op   20000 spans/s  10 B/op  6 allocs/op
BenchmarkNotSideBySide-2             1000   1.0 ns/op
--- FAIL: BenchmarkBroken/zipkingen
    bench_test.go:10: some log line
PASS
ok  	github.com/zipkingen/zipkingen/bench	3.1s
`

func parseSample(t *testing.T) *results {
	t.Helper()
	res, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestParseGroupsAndMedians(t *testing.T) {
	res := parseSample(t)
	if got := strings.Join(res.groups, ","); got != "ChildSampled,ReporterThroughput" {
		t.Fatalf("groups = %s", got)
	}
	for _, c := range []struct {
		group, impl, unit string
		want              float64
	}{
		{"ChildSampled", ours, "cpu-ns/op", 110},     // odd count: the middle one
		{"ChildSampled", zipkinGo, "cpu-ns/op", 400}, // even count: the mean of the middle two
		{"ChildSampled", ours, "ns/op", 330},
		{"ChildSampled", otel, "allocs/op", 6},
		{"ReporterThroughput", ours, "spans/s", 150000},
	} {
		got, ok := res.median(c.group, c.impl, c.unit)
		if !ok || got != c.want {
			t.Errorf("median(%s, %s, %s) = %v, %v; want %v", c.group, c.impl, c.unit, got, ok, c.want)
		}
	}
	if _, ok := res.median("ChildSampled", untraced, "ns/op"); ok {
		t.Error("a library that was not measured has a median")
	}
	if res.header["cpu"] != "Test CPU @ 1GHz" {
		t.Errorf("cpu header = %q", res.header["cpu"])
	}
}

func TestSplitName(t *testing.T) {
	for name, want := range map[string][2]string{
		"BenchmarkX/zipkingen-2":         {"X", ours},
		"BenchmarkX/sampled/otel-16":     {"X/sampled", otel},
		"BenchmarkX/untraced":            {"X", untraced},
		"BenchmarkX/other-2":             {"", ""},
		"BenchmarkPlain-2":               {"", ""},
		"BenchmarkX/size=1-2/zipkingo-2": {"X/size=1-2", zipkinGo},
	} {
		g, i := splitName(name)
		if g != want[0] || i != want[1] {
			t.Errorf("splitName(%q) = %q, %q; want %q, %q", name, g, i, want[0], want[1])
		}
	}
}

func TestTargets(t *testing.T) {
	res := parseSample(t)
	verdicts := map[string]verdict{}
	for _, tg := range targets {
		verdicts[tg.group+" "+tg.unit] = tg.check(res)
	}
	// 110/400 = 0.275: not within a quarter of zipkin-go's time.
	if v := verdicts["ChildSampled cpu-ns/op"]; v.missing || v.met || !strings.Contains(v.measured, "0.275") {
		t.Errorf("sampled time verdict = %+v", v)
	}
	if v := verdicts["ChildSampled allocs/op"]; v.missing || !v.met {
		t.Errorf("sampled allocs verdict = %+v", v)
	}
	if v := verdicts["ReporterThroughput spans/s"]; v.missing || v.met {
		t.Errorf("throughput verdict = %+v (150000 < 200000)", v)
	}
	if v := verdicts["EncodeJSON cpu-ns/op"]; !v.missing {
		t.Errorf("a target without results = %+v; want missing", v)
	}
}

// TestTargetsFloor checks that a run with the workload's floor quotes it
// beside the target, as a ratio to the same peer, and shows it as a column.
func TestTargetsFloor(t *testing.T) {
	res, err := parse(strings.NewReader(sample + `BenchmarkChildSampled/floor-2  1000  250.0 ns/op  90.0 cpu-ns/op  256 B/op  1 allocs/op
`))
	if err != nil {
		t.Fatal(err)
	}
	v := targets[0].check(res)
	if want := "110 / 400 cpu-ns/op = 0.275 (3.6× faster); floor (primitives only) 90 = 0.225"; v.measured != want || v.met {
		t.Errorf("verdict = %q (met %v); want %q, not met", v.measured, v.met, want)
	}
	var buf bytes.Buffer
	writeUnitTable(&buf, res, timeUnit)
	if want := "| ChildSampled | 110 | 400 | 800 | 90 | 0.275 | 0.138 |"; !strings.Contains(buf.String(), want) {
		t.Errorf("table lacks %q:\n%s", want, buf.String())
	}
}

func TestMarkdown(t *testing.T) {
	res := parseSample(t)
	var buf bytes.Buffer
	writeMarkdown(&buf, res, machine{GOOS: "linux", GOARCH: "amd64", GoVersion: "go1.24.0", CPU: "Test CPU", Cores: 2}, []string{"make bench"}, "")
	md := buf.String()
	for _, want := range []string{
		"| CPU | Test CPU |",
		"| ChildSampled | 110 | 400 | 800 | 0.275 | 0.138 |",
		"| ChildSampled | 330 | 1200 | 2400 | 0.275 | 0.138 |",
		"| ChildSampled | 1 | 7 | 6 | 0.143 | 0.167 |",
		"| ReporterThroughput | 150000 | 20000 | 7.500 | — |",
		"| sampled child ≤ 1/4 of zipkin-go's time | 110 / 400 cpu-ns/op = 0.275 (3.6× faster) | no |",
		"| HTTP reporter ≥ 200,000 spans/s (end to end, one producer) | 150000 spans/s | no |",
		"## spans/s (median; higher is better)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestKeyed(t *testing.T) {
	var buf bytes.Buffer
	if err := keyed(strings.NewReader(sample), &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "BenchmarkChildSampled/impl=zipkingen-2    1000   300.0 ns/op  100.0 cpu-ns/op") {
		t.Errorf("keyed output lacks the renamed line:\n%s", out)
	}
	if !strings.Contains(out, "BenchmarkNotSideBySide-2") || !strings.Contains(out, "cpu: Test CPU") {
		t.Errorf("keyed output lost lines that benchstat needs:\n%s", out)
	}
}

func TestRunWritesReport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bench.txt")
	out := filepath.Join(dir, "BENCHMARKS.md")
	if err := os.WriteFile(in, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-in", in, "-out", out, "-gomod", filepath.Join(dir, "none"), "-cmd", "make bench"}, &stderr); code != 0 {
		t.Fatalf("run = %d: %s", code, stderr.String())
	}
	md, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(md), "make bench") {
		t.Fatalf("report not written: %v\n%s", err, md)
	}
	// The load average is the one saved when the benchmarks ended, not
	// the machine's at the time of the report; without a file, none.
	loadavg := filepath.Join(dir, "loadavg.txt")
	if err := os.WriteFile(loadavg, []byte("1.23 1.07 1.01 2/84 17245\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-in", in, "-out", out, "-loadavg", loadavg}, &stderr); code != 0 {
		t.Fatalf("run with -loadavg = %d: %s", code, stderr.String())
	}
	if md, _ := os.ReadFile(out); !strings.Contains(string(md), "| load average (1, 5, 15 min) after the run | 1.23, 1.07, 1.01 |") {
		t.Errorf("the saved load average is not reported:\n%s", md)
	}
	if code := run([]string{"-in", in, "-out", out, "-loadavg", filepath.Join(dir, "missing.txt")}, &stderr); code != 0 {
		t.Fatalf("run with a missing -loadavg file = %d: %s", code, stderr.String())
	}
	if md, _ := os.ReadFile(out); strings.Contains(string(md), "load average (1, 5, 15 min)") {
		t.Errorf("a load average was reported without one saved:\n%s", md)
	}
	section := filepath.Join(dir, "loadtest.md")
	if err := os.WriteFile(section, []byte("## Load test (issue 6)\n\n| variant | req/s |\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-in", in, "-out", out, "-loadtest", section}, &stderr); code != 0 {
		t.Fatalf("run with -loadtest = %d: %s", code, stderr.String())
	}
	if md, _ := os.ReadFile(out); !strings.Contains(string(md), "| variant | req/s |") {
		t.Errorf("the load test section was not appended:\n%s", md)
	}
	speed := filepath.Join(dir, "genspeed.md")
	if err := os.WriteFile(speed, []byte("## Generator speed (issue 6)\n\n| command | cold |\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-in", in, "-out", out, "-loadtest", section, "-genspeed", speed}, &stderr); code != 0 {
		t.Fatalf("run with -genspeed = %d: %s", code, stderr.String())
	}
	md, _ = os.ReadFile(out)
	if l, g := strings.Index(string(md), "| variant | req/s |"), strings.Index(string(md), "| command | cold |"); l < 0 || g < l {
		t.Errorf("want the load test section, then the generator speed section:\n%s", md)
	}
	if code := run([]string{"-in", in, "-out", out, "-genspeed", filepath.Join(dir, "missing.md")}, &stderr); code != 0 {
		t.Fatalf("run with a missing -genspeed file = %d: %s", code, stderr.String())
	}
	if md, _ := os.ReadFile(out); !strings.Contains(string(md), "## Generator speed (issue 6)\n\nNot run with these results: `make genspeed` adds it.") {
		t.Errorf("a missing section should name the command that makes it:\n%s", md)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, []byte("PASS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-in", empty, "-out", out}, &stderr); code != 1 {
		t.Errorf("run on a file without results = %d; want 1", code)
	}
}
