//go:build e2e && unix

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// jaegerTCPFlags are the all-in-one v1.62 flags of every TCP port it opens,
// and jaegerUDPFlags those of the agent's UDP ports. Each gets a free port on
// 127.0.0.1, so nothing listens beyond loopback and parallel runs never clash.
var (
	jaegerTCPFlags = []string{
		"admin.http.host-port",
		"collector.zipkin.host-port",
		"collector.http-server.host-port",
		"collector.grpc-server.host-port",
		"collector.otlp.grpc.host-port",
		"collector.otlp.http.host-port",
		"query.http-server.host-port",
		"query.grpc-server.host-port",
		"http-server.host-port", // the agent's sampling endpoint
	}
	jaegerUDPFlags = []string{
		"processor.zipkin-compact.server-host-port",
		"processor.jaeger-compact.server-host-port",
		"processor.jaeger-binary.server-host-port",
	}
)

// jaeger is a running Jaeger all-in-one with in-memory storage.
type jaeger struct {
	proc      *child
	addr      map[string]string // flag name -> 127.0.0.1:port
	ZipkinURL string            // the Zipkin v2 endpoint: http://127.0.0.1:port/api/v2/spans
	QueryURL  string            // the query service's base URL
}

// jaegerBinary returns the path of the all-in-one binary that `make jaeger`
// builds, or JAEGER_BIN when set.
func jaegerBinary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("JAEGER_BIN"); p != "" {
		return p
	}
	p, err := filepath.Abs(filepath.Join("..", ".tools", "bin", "jaeger-all-in-one"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("Jaeger all-in-one not found at %s: run `make jaeger` first (or `make e2e`, which does): %v", p, err)
	}
	return p
}

// startJaeger starts Jaeger, waits until its admin health check reports it
// ready, and stops it when the test ends. A port taken between choosing and
// binding it (another process won the race) is retried with fresh ports.
func startJaeger(t testing.TB) *jaeger {
	t.Helper()
	bin := jaegerBinary(t)
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		j, err := tryStartJaeger(t, bin)
		if err == nil {
			return j
		}
		lastErr = err
		if !strings.Contains(j.proc.tail(50), "address already in use") {
			break
		}
		j.proc.stop()
	}
	t.Fatalf("Jaeger did not become ready: %v", lastErr)
	return nil
}

func tryStartJaeger(t testing.TB, bin string) (*jaeger, error) {
	addr, err := freeAddrs(jaegerTCPFlags, jaegerUDPFlags)
	if err != nil {
		t.Fatal(err)
	}
	args := make([]string, 0, len(addr)+1)
	for flag, a := range addr {
		args = append(args, "--"+flag+"="+a)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(),
		"SPAN_STORAGE_TYPE=memory",
		// Jaeger traces itself through OTLP; keep that off and, should it
		// try anyway, pointed at its own loopback receiver.
		"OTEL_TRACES_SAMPLER=always_off",
		"OTEL_EXPORTER_OTLP_ENDPOINT=http://"+addr["collector.otlp.grpc.host-port"],
	)
	j := &jaeger{
		proc:      startChild(t, "jaeger", cmd),
		addr:      addr,
		ZipkinURL: "http://" + addr["collector.zipkin.host-port"] + "/api/v2/spans",
		QueryURL:  "http://" + addr["query.http-server.host-port"],
	}
	return j, j.waitReady(60 * time.Second)
}

// waitReady polls the admin health check, which answers 200 only once the
// collector, the Zipkin receiver and the query service are all started.
func (j *jaeger) waitReady(timeout time.Duration) error {
	url := "http://" + j.addr["admin.http.host-port"] + "/"
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		if j.proc.exited() {
			return fmt.Errorf("jaeger exited: %v", j.proc.err)
		}
		if err := healthy(ctx, url); err == nil {
			return nil
		} else if ctx.Err() != nil {
			return fmt.Errorf("after %v: %v", timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func healthy(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check: %s", resp.Status)
	}
	return nil
}

// freeAddrs holds a listener on 127.0.0.1:0 for every flag at once (so no two
// flags get the same port), then releases them all and returns the addresses.
func freeAddrs(tcpFlags, udpFlags []string) (map[string]string, error) {
	addr := make(map[string]string, len(tcpFlags)+len(udpFlags))
	var closers []func() error
	defer func() {
		for _, c := range closers {
			_ = c()
		}
	}()
	for _, f := range tcpFlags {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		closers = append(closers, l.Close)
		addr[f] = l.Addr().String()
	}
	for _, f := range udpFlags {
		c, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		closers = append(closers, c.Close)
		addr[f] = c.LocalAddr().String()
	}
	return addr, nil
}

// postZipkin posts a raw body to Jaeger's Zipkin endpoint and returns the
// status code; used to test the harness itself, independent of the runtime.
func (j *jaeger) postZipkin(t testing.TB, contentType string, body []byte) int {
	t.Helper()
	resp, err := http.Post(j.ZipkinURL, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode
}
