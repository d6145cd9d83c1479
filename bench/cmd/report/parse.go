package main

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The implementations a benchmark compares, in column order. The last
// element of a sub-benchmark name says which one a result belongs to.
const (
	ours     = "zipkingen"
	zipkinGo = "zipkingo"
	otel     = "otel"
	untraced = "untraced"
	// floor is not a library: the primitives a workload cannot do without
	// (bench/floor_test.go), the least any implementation can cost.
	floor = "floor"
)

var implOrder = []string{ours, zipkinGo, otel, untraced, floor}

// results are parsed benchmark lines: every sample of every metric, by
// group (the name without its implementation and GOMAXPROCS suffix), then
// implementation, then unit.
type results struct {
	header map[string]string // goos, goarch, cpu, pkg, as go test prints them
	groups []string          // in order of first appearance
	values map[string]map[string]map[string][]float64
}

// parse reads `go test -bench` output. Lines that are not results or
// header lines (PASS, ok, logs) are ignored.
func parse(r io.Reader) (*results, error) {
	res := &results{header: map[string]string{}, values: map[string]map[string]map[string][]float64{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if k, v, ok := headerLine(line); ok {
			res.header[k] = v
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		if err := res.addLine(line); err != nil {
			return nil, err
		}
	}
	return res, sc.Err()
}

func headerLine(line string) (key, value string, ok bool) {
	for _, k := range []string{"goos", "goarch", "pkg", "cpu"} {
		if v, found := strings.CutPrefix(line, k+": "); found {
			return k, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

// addLine records one result line: name, iterations, then value-unit pairs.
func (res *results) addLine(line string) error {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return nil // a benchmark that logged or failed: not a result line
	}
	if _, err := strconv.Atoi(f[1]); err != nil {
		return nil
	}
	group, impl := splitName(f[0])
	if impl == "" {
		return nil // not a side-by-side benchmark
	}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return fmt.Errorf("%q: value %q: %v", line, f[i], err)
		}
		res.add(group, impl, f[i+1], v)
	}
	return nil
}

func (res *results) add(group, impl, unit string, v float64) {
	byImpl, ok := res.values[group]
	if !ok {
		byImpl = map[string]map[string][]float64{}
		res.values[group] = byImpl
		res.groups = append(res.groups, group)
	}
	byUnit, ok := byImpl[impl]
	if !ok {
		byUnit = map[string][]float64{}
		byImpl[impl] = byUnit
	}
	byUnit[unit] = append(byUnit[unit], v)
}

// splitName splits "BenchmarkX/sub/zipkingen-2" into "X/sub" and
// "zipkingen". impl is "" when the last element is not a known library.
func splitName(name string) (group, impl string) {
	name = strings.TrimPrefix(name, "Benchmark")
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	i := strings.LastIndexByte(name, '/')
	if i < 0 || !slices.Contains(implOrder, name[i+1:]) {
		return "", ""
	}
	return name[:i], name[i+1:]
}

// median returns the median of group/impl's samples in unit.
func (res *results) median(group, impl, unit string) (float64, bool) {
	vs := res.values[group][impl][unit]
	if len(vs) == 0 {
		return 0, false
	}
	s := slices.Clone(vs)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// keyed rewrites result lines from X/zipkingen-2 to X/impl=zipkingen-2 so
// that benchstat can use the library as a column (-col /impl).
func keyed(r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	bw := bufio.NewWriter(w)
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(line, "Benchmark") {
			if group, impl := splitName(f[0]); impl != "" {
				suffix := strings.TrimPrefix(f[0], "Benchmark"+group+"/"+impl)
				line = "Benchmark" + group + "/impl=" + impl + suffix + line[len(f[0]):]
			}
		}
		fmt.Fprintln(bw, line)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return bw.Flush()
}
