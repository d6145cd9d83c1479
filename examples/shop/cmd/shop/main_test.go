package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
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
