package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// machine describes where the run happened.
type machine struct {
	GOOS, GOARCH, GoVersion, CPU string
	Cores                        int
	LoadAvg                      string   // /proc/loadavg's 1, 5 and 15 minute averages when the report was written
	Peers                        []string // "module version" of every peer library
}

var implTitle = map[string]string{ours: "zipkingen", zipkinGo: "zipkin-go", otel: "OTel", untraced: "untraced", floor: "floor (primitives only)"}

// writeMarkdown writes the whole of BENCHMARKS.md.
func writeMarkdown(w io.Writer, res *results, m machine, commands []string, stat string) {
	fmt.Fprintln(w, "# Benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Written by `make bench` (bench/cmd/report) from one run of the side-by-side")
	fmt.Fprintln(w, "suite in bench/; do not edit by hand. Every zipkingen number is compared with")
	fmt.Fprintln(w, "zipkin-go and the OpenTelemetry SDK measured in the same `go test` process.")
	fmt.Fprintln(w, "Values are medians over the run's samples; ratios are zipkingen's median over")
	fmt.Fprintln(w, "the peer's (below 1 is better for costs such as ns/op, above 1 for rates such")
	fmt.Fprintln(w, "as spans/s). What each benchmark does is documented on its function in bench/.")
	fmt.Fprintln(w, "Absolute times move with the machine's load (see the load average below);")
	fmt.Fprintln(w, "the suite runs in interleaved passes so that the ratios stay comparable.")
	writeMachine(w, m)
	fmt.Fprintln(w, "\n## Commands\n\n```sh")
	for _, c := range commands {
		fmt.Fprintln(w, c)
	}
	fmt.Fprintln(w, "```")
	writeTargets(w, res)
	for _, unit := range units(res) {
		writeUnitTable(w, res, unit)
	}
	if stat != "" {
		fmt.Fprintln(w, "\n## benchstat\n\nThe same run through `benchstat -col /impl` (libraries as columns, zipkin-go as the base):\n\n```")
		fmt.Fprint(w, strings.TrimRight(stat, "\n")+"\n")
		fmt.Fprintln(w, "```")
	}
}

func writeMachine(w io.Writer, m machine) {
	fmt.Fprintln(w, "\n## Machine\n\n| | |\n|---|---|")
	fmt.Fprintf(w, "| OS/arch | %s/%s |\n", m.GOOS, m.GOARCH)
	fmt.Fprintf(w, "| CPU | %s |\n", m.CPU)
	fmt.Fprintf(w, "| cores | %d |\n", m.Cores)
	fmt.Fprintf(w, "| Go | %s |\n", m.GoVersion)
	if m.LoadAvg != "" {
		fmt.Fprintf(w, "| load average (1, 5, 15 min) after the run | %s |\n", m.LoadAvg)
	}
	if len(m.Peers) > 0 {
		fmt.Fprintf(w, "| peers | %s |\n", strings.Join(m.Peers, ", "))
	}
}

func writeTargets(w io.Writer, res *results) {
	fmt.Fprintln(w, "\n## Targets (issue 2)")
	fmt.Fprintln(w, "\nTimes are CPU time per operation (cpu-ns/op: the process's user and system")
	fmt.Fprintln(w, "time over all threads, divided by the operations), which unlike ns/op does")
	fmt.Fprintln(w, "not grow while other programs hold the CPU. It includes the garbage")
	fmt.Fprintln(w, "collector's work, a real cost of allocating libraries.")
	fmt.Fprintln(w, "\n| target | measured | met |\n|---|---|---|")
	for _, t := range targets {
		v := t.check(res)
		status := "no"
		switch {
		case v.missing:
			status, v.measured = "not measured", "—"
		case v.met:
			status = "yes"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.issue, v.measured, status)
	}
}

// units returns every unit of the run: the times and allocs/op first.
func units(res *results) []string {
	seen := map[string]bool{}
	var rest []string
	for _, g := range res.groups {
		for _, byUnit := range res.values[g] {
			for u := range byUnit {
				if !seen[u] {
					seen[u] = true
					rest = append(rest, u)
				}
			}
		}
	}
	slices.Sort(rest)
	var out []string
	for _, u := range []string{timeUnit, "ns/op", "allocs/op", "B/op"} {
		if seen[u] {
			out = append(out, u)
			rest = slices.DeleteFunc(rest, func(s string) bool { return s == u })
		}
	}
	return append(out, rest...)
}

// writeUnitTable writes one table: a row per benchmark that has unit, a
// column per library measured in any of them, then the ratios ours/zipkin-go
// and ours/OTel.
func writeUnitTable(w io.Writer, res *results, unit string) {
	better := "lower is better"
	if strings.HasSuffix(unit, "/s") {
		better = "higher is better"
	}
	fmt.Fprintf(w, "\n## %s (median; %s)\n\n", unit, better)
	var groups []string
	for _, g := range res.groups {
		if hasUnit(res, g, unit) {
			groups = append(groups, g)
		}
	}
	cols := columns(res, groups)
	fmt.Fprint(w, "| benchmark |")
	for _, impl := range cols {
		fmt.Fprintf(w, " %s |", implTitle[impl])
	}
	fmt.Fprintln(w, " zipkingen/zipkin-go | zipkingen/OTel |")
	fmt.Fprintln(w, "|---"+strings.Repeat("|--:", len(cols)+2)+"|")
	for _, g := range groups {
		fmt.Fprintf(w, "| %s |", g)
		for _, impl := range cols {
			fmt.Fprintf(w, " %s |", cell(res, g, impl, unit))
		}
		fmt.Fprintf(w, " %s | %s |\n", ratioCell(res, g, zipkinGo, unit), ratioCell(res, g, otel, unit))
	}
}

// columns returns the libraries measured in any of groups, in column order.
func columns(res *results, groups []string) []string {
	var cols []string
	for _, impl := range implOrder {
		for _, g := range groups {
			if _, ok := res.values[g][impl]; ok {
				cols = append(cols, impl)
				break
			}
		}
	}
	return cols
}

func hasUnit(res *results, group, unit string) bool {
	for _, byUnit := range res.values[group] {
		if len(byUnit[unit]) > 0 {
			return true
		}
	}
	return false
}

func cell(res *results, group, impl, unit string) string {
	v, ok := res.median(group, impl, unit)
	if !ok {
		return "—"
	}
	return formatValue(v)
}

func ratioCell(res *results, group, peer, unit string) string {
	a, okA := res.median(group, ours, unit)
	b, okB := res.median(group, peer, unit)
	switch {
	case !okA || !okB:
		return "—"
	case b == 0 && a == 0:
		return "= (0 / 0)"
	case b == 0:
		return "∞"
	}
	return formatRatio(a / b)
}

// formatValue prints a median with three significant digits at most, and
// integers (allocs, bytes) as integers.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	if math.Abs(v) >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func formatRatio(r float64) string { return strconv.FormatFloat(r, 'f', 3, 64) }

// formatSpeedup turns a time ratio ours/peer into "4.2×".
func formatSpeedup(r float64) string {
	if r == 0 {
		return "∞"
	}
	return strconv.FormatFloat(1/r, 'f', 1, 64) + "×"
}
