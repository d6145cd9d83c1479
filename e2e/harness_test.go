//go:build e2e && unix

package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

// TestHarnessRoundTrip checks the harness itself, without the runtime: a
// hand-written Zipkin v2 JSON trace posted to Jaeger comes back through the
// query API the way the other tests expect to read it.
func TestHarnessRoundTrip(t *testing.T) {
	j := startJaeger(t)
	const traceID = "5af7183fb1d4cf5f0000000000000abc"
	now := time.Now().Add(-time.Second).UnixMicro()
	body := fmt.Sprintf(`[
{"traceId":%[1]q,"id":"000000000000000a","name":"get /items","kind":"SERVER","timestamp":%[2]d,"duration":2000,
 "localEndpoint":{"serviceName":"harness"},"tags":{"http.method":"GET"},
 "annotations":[{"timestamp":%[3]d,"value":"cache miss"}]},
{"traceId":%[1]q,"parentId":"000000000000000a","id":"000000000000000b","name":"select","kind":"CLIENT","timestamp":%[3]d,"duration":500,
 "localEndpoint":{"serviceName":"harness"},"remoteEndpoint":{"serviceName":"db"},"tags":{"error":"boom"}}
]`, traceID, now, now+100)
	if code := j.postZipkin(t, "application/json", []byte(body)); code != http.StatusAccepted {
		t.Fatalf("POST %s: status %d, want 202", j.ZipkinURL, code)
	}
	j.waitSpans(t, 2, "harness")
	tr, err := j.trace(traceID)
	if err != nil {
		t.Fatal(err)
	}
	root, child := tr.span(t, "get /items"), tr.span(t, "select")
	if root.parentID() != "" || root.kind() != "server" || tr.service(root) != "harness" {
		t.Errorf("root: parent %q kind %q service %q, want none, server, harness", root.parentID(), root.kind(), tr.service(root))
	}
	if v, _ := root.tag("http.method"); v != "GET" {
		t.Errorf("root tag http.method = %q, want GET", v)
	}
	if ev := root.events(); !slices.Equal(ev, []string{"cache miss"}) {
		t.Errorf("root events = %q, want [cache miss]", ev)
	}
	if root.hasError() {
		t.Errorf("root marked as error: %+v", root.Tags)
	}
	if child.parentID() != root.SpanID || child.kind() != "client" {
		t.Errorf("child: parent %q kind %q, want %q, client", child.parentID(), child.kind(), root.SpanID)
	}
	if !child.hasError() || !slices.Contains(child.tagValues("error"), "boom") {
		t.Errorf("child error tags = %q, want true and boom", child.tagValues("error"))
	}
}
