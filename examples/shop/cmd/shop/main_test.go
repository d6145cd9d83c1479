package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for the shop binary: the
// orchestrator under test re-executes itself as `serve SERVICE`.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestShopWithDebugReporter runs the whole system as `make demo` does,
// without a collector: every request gets its status, every process
// delivers every span it sampled, and the services print their trees.
func TestShopWithDebugReporter(t *testing.T) {
	for k, v := range map[string]string{"ZIPKIN_ENDPOINT": "stderr", "ZIPKIN_SERVICE_NAME": "",
		"ZIPKIN_SAMPLE_RATE": "", "ZIPKIN_ENCODING": "", "ZIPKIN_PROPAGATION": ""} {
		t.Setenv(k, v) // the developer's environment must not change the result
	}
	reportFile := filepath.Join(t.TempDir(), "report.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-report", reportFile}, &stdout, &stderr); code != 0 {
		t.Fatalf("shop exited %d\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	var rep report
	b, err := os.ReadFile(reportFile)
	if err == nil {
		err = json.Unmarshal(b, &rep)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Requests) != len(requests) || rep.Requests[2].Status != http.StatusBadGateway {
		t.Errorf("requests = %+v, want %d with the last failing", rep.Requests, len(requests))
	}
	if len(rep.Services) != 7 { // the driver and six services
		t.Errorf("counters of %d processes, want 7: %+v", len(rep.Services), rep.Services)
	}
	for _, s := range rep.Services {
		if s.Sampled == 0 || s.Reported != s.Sampled || s.Dropped != 0 {
			t.Errorf("%s: sampled %d, reported %d, dropped %d", s.Service, s.Sampled, s.Reported, s.Dropped)
		}
	}
	for _, want := range []string{"[worker] └─ worker.HandleOrder [CONSUMER", "[payments]", "payments.review [CLIENT → fraud-review]", "ERROR",
		"[inventory]", "shop.inventory.Inventory/Reserve [SERVER", "shop.inventory.Inventory/Reserve [CLIENT → inventory (127.0.0.1:"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the services' trace trees lack %q:\n%s", want, &stderr)
		}
	}
}

// spanLine is a span's line in the printed trees: the drawing before it
// (3 columns a level), its service, and the rest.
var spanLine = regexp.MustCompile(`^([│ ]*)[├└]─ (\S+) · (.*)$`)

// TestShopPrintsWholeTraces runs the shop as `make demo` does (-trees):
// the driver collects every process's spans and prints one tree per
// request, whole (a single root), with every span a process received from
// another (SERVER, CONSUMER) under a span of the process that sent it.
func TestShopPrintsWholeTraces(t *testing.T) {
	for k, v := range map[string]string{"ZIPKIN_ENDPOINT": "", "ZIPKIN_SERVICE_NAME": "",
		"ZIPKIN_SAMPLE_RATE": "", "ZIPKIN_ENCODING": "", "ZIPKIN_PROPAGATION": ""} {
		t.Setenv(k, v) // -trees sets ZIPKIN_ENDPOINT for every process; t.Setenv restores it
	}
	reportFile := filepath.Join(t.TempDir(), "report.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-trees", "-report", reportFile}, &stdout, &stderr); code != 0 {
		t.Fatalf("shop exited %d\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	var rep report
	b, err := os.ReadFile(reportFile)
	if err == nil {
		err = json.Unmarshal(b, &rep)
	}
	if err != nil {
		t.Fatal(err)
	}
	blocks := map[string][]string{} // trace ID -> its printed lines
	var current string
	for _, line := range strings.Split(stdout.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, "trace "); ok {
			current, _, _ = strings.Cut(rest, " ")
			if blocks[current] != nil {
				t.Errorf("trace %s printed twice", current)
			}
			blocks[current] = []string{line}
		} else if current != "" && line != "" {
			blocks[current] = append(blocks[current], line)
		} else {
			current = ""
		}
	}
	var reported uint64
	for _, s := range rep.Services {
		reported += s.Reported
	}
	printed := 0
	for _, r := range rep.Requests {
		lines := blocks[r.TraceID]
		if lines == nil {
			t.Errorf("GET %s: trace %s not printed:\n%s", r.Path, r.TraceID, &stdout)
			continue
		}
		printed += checkWholeTree(t, r.Path, lines)
	}
	if len(blocks) != len(rep.Requests) || printed != int(reported) {
		t.Errorf("printed %d traces with %d spans, want the %d requests' traces with all %d spans reported:\n%s",
			len(blocks), printed, len(rep.Requests), reported, &stdout)
	}
	if buy := strings.Join(blocks[rep.Requests[1].TraceID], "\n"); !strings.Contains(buy, "worker · worker.HandleOrder [CONSUMER") {
		t.Errorf("the /buy/book tree lacks the worker's span:\n%s", buy)
	}
}

// checkWholeTree checks one printed trace and returns its span count: one
// root, the driver's, and every SERVER or CONSUMER span a child of a span
// of another service.
func checkWholeTree(t *testing.T, path string, lines []string) int {
	t.Helper()
	type node struct {
		depth         int
		service, rest string
	}
	var nodes []node
	for _, line := range lines[1:] {
		if m := spanLine.FindStringSubmatch(line); m != nil {
			nodes = append(nodes, node{len([]rune(m[1])) / 3, m[2], m[3]})
		}
	}
	tree := strings.Join(lines, "\n")
	for i, n := range nodes {
		if n.depth == 0 {
			if i != 0 || n.service != "driver" {
				t.Errorf("GET %s: a root other than the driver's visit: %s · %s\n%s", path, n.service, n.rest, tree)
			}
			continue
		}
		parent := -1
		for j := i - 1; j >= 0 && parent < 0; j-- {
			if nodes[j].depth == n.depth-1 {
				parent = j
			}
		}
		remote := strings.Contains(n.rest, "[SERVER") || strings.Contains(n.rest, "[CONSUMER")
		if remote && (parent < 0 || nodes[parent].service == n.service) {
			t.Errorf("GET %s: %s · %s is not under a span of the process that called it\n%s", path, n.service, n.rest, tree)
		}
	}
	if len(nodes) == 0 || strings.Contains(lines[0], "not whole") {
		t.Errorf("GET %s: not one whole tree:\n%s", path, tree)
	}
	return len(nodes)
}
