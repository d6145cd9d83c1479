//go:build e2e && unix

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// shopServices are the service names the example shop reports under.
var shopServices = []string{"driver", "frontend", "catalog", "checkout", "payments", "worker", "inventory"}

// shopTrees are the trace trees the shop's requests must produce, one line
// per span: service, kind ("-" for none), name, and "error" when Jaeger marks
// the span failed; children are indented under their parent in start order.
var shopTrees = map[string]string{
	"/items/mug": `
driver - main.visit
  driver client GET
    frontend server GET /items/{id}
      frontend client GET
        catalog server GET /items/{id}
          catalog - catalog.Catalog.Lookup
            catalog client sql.query
`,
	"/buy/book": `
driver - main.visit
  driver client GET
    frontend server GET /buy/{id}
      frontend - frontend.Shop.serveBuy
        frontend client GET
          catalog server GET /items/{id}
            catalog - catalog.Catalog.Lookup
              catalog client sql.query
        frontend client POST
          checkout server POST /checkout
            checkout - checkout.Service.PlaceOrder
              checkout client shop.inventory.Inventory/Reserve
                inventory server shop.inventory.Inventory/Reserve
                  inventory - inventory.Service.Reserve
              checkout client POST
                payments server POST /charge
                  payments - payments.Authorize
              checkout producer queue.Publisher.Publish
                worker consumer worker.HandleOrder
                  worker - worker.sendReceipt
`,
	"/buy/gold-bar": `
driver - main.visit
  driver client GET error
    frontend server GET /buy/{id} error
      frontend - frontend.Shop.serveBuy
        frontend client GET
          catalog server GET /items/{id}
            catalog - catalog.Catalog.Lookup
              catalog client sql.query
        frontend client POST error
          checkout server POST /checkout error
            checkout - checkout.Service.PlaceOrder error
              checkout client shop.inventory.Inventory/Reserve
                inventory server shop.inventory.Inventory/Reserve
                  inventory - inventory.Service.Reserve
              checkout client POST error
                payments server POST /charge error
                  payments - payments.Authorize error
                    payments client payments.review error
`,
}

// directiveSpan is what the //zipkin:tag and //zipkin:annotate directives
// of one span must have recorded.
type directiveSpan struct {
	name   string
	tags   map[string]string
	events []string
}

var shopDirectives = map[string][]directiveSpan{
	"/items/mug": {
		{"main.visit", map[string]string{"shop.path": "/items/mug"}, nil},
		{"catalog.Catalog.Lookup", map[string]string{"item.id": "mug", "item.price": "1250"}, nil},
		{"sql.query", map[string]string{"sql.query": "SELECT id, name, price FROM items WHERE id = ?", "peer.service": "catalog-db"}, nil},
	},
	"/buy/book": {
		{"frontend.Shop.serveBuy", map[string]string{"shop.item": "book"}, []string{"order placed"}},
		{"checkout.Service.PlaceOrder", map[string]string{"item.id": "book", "order.id": "*", "reservation.id": "*"}, []string{"payment authorized"}},
		{"inventory.Service.Reserve", map[string]string{"item.id": "book", "stock.left": "*"}, nil},
		{"payments.Authorize", map[string]string{"payment.amount": "3999", "order.id": "*"}, nil},
		{"queue.Publisher.Publish", map[string]string{"messaging.destination": "orders", "peer.service": "orders-queue"}, nil},
		{"worker.HandleOrder", map[string]string{"messaging.destination": "orders", "order.id": "*"}, nil},
		{"worker.sendReceipt", map[string]string{"auth.code": "*"}, []string{"receipt rendered"}},
	},
	"/buy/gold-bar": {
		{"payments.Authorize", map[string]string{"payment.amount": "7500000"}, []string{"fraud review required"}},
		{"payments.review", map[string]string{"peer.service": "fraud-review"}, nil},
		{"inventory.Service.Reserve", map[string]string{"item.id": "gold-bar"}, nil},
	},
}

// shopReport mirrors what `shop -report` writes.
type shopReport struct {
	Requests []struct {
		Path    string `json:"path"`
		Status  int    `json:"status"`
		TraceID string `json:"trace_id"`
	} `json:"requests"`
	Services []struct {
		Service  string `json:"service"`
		Sampled  uint64 `json:"sampled"`
		Reported uint64 `json:"reported"`
		Dropped  uint64 `json:"dropped"`
	} `json:"services"`
}

// shopRuns are the configurations the shop runs in: both encodings (gzipped,
// which a collector on loopback does not get by default, and plain), each
// propagation format carrying the trace between the services (HTTP headers
// and queue message headers alike), and the driver's sampling decision
// overriding the services' own rate in both directions.
var shopRuns = []struct {
	name     string
	env      []string
	args     []string
	unsample bool // the driver decides not to sample: no process records anything
}{
	{name: "json", env: []string{"ZIPKIN_ENCODING=json"}},
	{name: "json-gzip", env: []string{"ZIPKIN_ENCODING=json", "ZIPKIN_COMPRESSION=gzip"}},
	{name: "proto3-gzip", env: []string{"ZIPKIN_ENCODING=proto3", "ZIPKIN_COMPRESSION=gzip"}},
	{name: "b3single", env: []string{"ZIPKIN_PROPAGATION=b3single"}},
	{name: "w3c", env: []string{"ZIPKIN_PROPAGATION=w3c"}},
	{name: "uber", env: []string{"ZIPKIN_PROPAGATION=uber"}},
	{name: "upstream-accept", env: []string{"ZIPKIN_SAMPLE_RATE=0"}, args: []string{"-driver-sample-rate", "1"}},
	{name: "upstream-deny", args: []string{"-driver-sample-rate", "0"}, unsample: true},
}

// TestShop runs the example system (six processes) against Jaeger in each
// configuration, and checks every request's trace across all services.
func TestShop(t *testing.T) {
	shop := buildShop(t)
	for _, run := range shopRuns {
		t.Run(run.name, func(t *testing.T) {
			j := startJaeger(t) // a fresh store, so the span count is this run's alone
			rep := runShop(t, shop, j, run.name, run.env, run.args)
			reported := checkShopStats(t, rep)
			all := j.waitSpans(t, int(reported), shopServices...)
			if run.unsample {
				if reported != 0 {
					t.Errorf("the driver did not sample, yet the processes reported %d spans", reported)
				}
				return
			}
			if len(all) != len(shopTrees) {
				t.Errorf("Jaeger holds %d traces, want %d (one per request):\n%s", len(all), len(shopTrees), describeTraces(all))
			}
			for _, rq := range rep.Requests {
				checkShopTrace(t, j, rq.Path, rq.TraceID)
			}
		})
	}
}

// checkShopStats checks that no process lost a span, and returns how many
// they reported together.
func checkShopStats(t *testing.T, rep shopReport) uint64 {
	t.Helper()
	var reported uint64
	for _, s := range rep.Services {
		if s.Dropped != 0 || s.Reported != s.Sampled {
			t.Errorf("%s: sampled %d, reported %d, dropped %d", s.Service, s.Sampled, s.Reported, s.Dropped)
		}
		reported += s.Reported
	}
	return reported
}

// buildShop compiles the example's runner once for all subtests.
func buildShop(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "shop")
	// The shop is a module of its own (examples/go.mod), beside this one.
	cmd := exec.Command("go", "build", "-o", bin, "./shop/cmd/shop")
	cmd.Dir = filepath.Join("..", "examples")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build examples/shop/cmd/shop: %v\n%s", err, out)
	}
	return bin
}

// runShop runs the whole system once, reporting to j, and returns its report.
func runShop(t *testing.T, bin string, j *jaeger, name string, env, args []string) shopReport {
	t.Helper()
	reportFile := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(bin, append([]string{"-report", reportFile}, args...)...)
	// The run's own settings come last and win; the rest of ZIPKIN_* is
	// cleared so that the developer's environment cannot change the result.
	cmd.Env = append(os.Environ(), "ZIPKIN_ENDPOINT="+j.ZipkinURL, "ZIPKIN_SERVICE_NAME=",
		"ZIPKIN_SAMPLE_RATE=", "ZIPKIN_ENCODING=", "ZIPKIN_PROPAGATION=", "ZIPKIN_COMPRESSION=")
	cmd.Env = append(cmd.Env, env...)
	p := startChild(t, "shop-"+name, cmd)
	select {
	case <-p.done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the shop did not finish within 2 minutes")
	}
	if p.err != nil {
		t.Fatalf("shop: %v", p.err)
	}
	b, err := os.ReadFile(reportFile)
	if err != nil {
		t.Fatal(err)
	}
	var rep shopReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Requests) != len(shopTrees) || len(rep.Services) != len(shopServices) {
		t.Fatalf("report has %d requests and %d services, want %d and %d:\n%s", len(rep.Requests), len(rep.Services), len(shopTrees), len(shopServices), b)
	}
	return rep
}

// checkShopTrace compares one request's trace with its expected tree and
// directive values.
func checkShopTrace(t *testing.T, j *jaeger, path, traceID string) {
	t.Helper()
	tr, err := j.trace(traceID)
	if err != nil {
		t.Errorf("GET %s: %v", path, err)
		return
	}
	want, ok := shopTrees[path]
	if !ok {
		t.Errorf("unexpected request %s", path)
		return
	}
	want = strings.TrimPrefix(want, "\n")
	if got := shapeOf(tr); got != want {
		t.Errorf("GET %s: trace %s has the shape\n%s\nwant\n%s", path, traceID, got, want)
	}
	if path != "/items/mug" {
		checkGRPCHop(t, tr)
	}
	for _, d := range shopDirectives[path] {
		s := tr.span(t, d.name)
		for k, v := range d.tags {
			if got, ok := s.tag(k); !ok || (v != "*" && got != v) {
				t.Errorf("GET %s: %s: tag %s = %q (present %v), want %q", path, d.name, k, got, ok, v)
			}
		}
		if ev := s.events(); !slices.Equal(ev, d.events) {
			t.Errorf("GET %s: %s: annotations %q, want %q", path, d.name, ev, d.events)
		}
	}
}

// shapeOf renders a trace in the form of shopTrees. A span whose parent is
// missing shows up as a second root, so a lost span never goes unnoticed.
func shapeOf(tr jTrace) string {
	spans := slices.Clone(tr.Spans)
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].StartTime < spans[b].StartTime })
	ids := map[string]bool{}
	for _, s := range spans {
		ids[s.SpanID] = true
	}
	children := map[string][]jSpan{}
	var roots []jSpan // true roots, and orphans whose parent Jaeger lacks
	for _, s := range spans {
		if p := s.parentID(); ids[p] {
			children[p] = append(children[p], s)
		} else {
			roots = append(roots, s)
		}
	}
	var b strings.Builder
	var walk func(s jSpan, depth int)
	walk = func(s jSpan, depth int) {
		kind := s.kind()
		if kind == "" {
			kind = "-"
		}
		line := fmt.Sprintf("%s%s %s %s", strings.Repeat("  ", depth), tr.service(s), kind, s.OperationName)
		if s.hasError() {
			line += " error"
		}
		b.WriteString(line + "\n")
		for _, c := range children[s.SpanID] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return b.String()
}

// checkGRPCHop checks what the tree's shape does not show of the gRPC hop
// from checkout to inventory: the client span names the service it calls,
// and the server span is a child of it (its own span, not a shared one)
// in the inventory service.
func checkGRPCHop(t *testing.T, tr jTrace) {
	t.Helper()
	const method = "shop.inventory.Inventory/Reserve"
	var client, server jSpan
	for _, s := range tr.Spans {
		if s.OperationName != method {
			continue
		}
		switch s.kind() {
		case "client":
			client = s
		case "server":
			server = s
		}
	}
	if client.SpanID == "" || server.SpanID == "" {
		t.Errorf("trace %s: no client and server span %q:\n%s", tr.TraceID, method, tr.describe())
		return
	}
	if got, _ := client.tag("peer.service"); got != "inventory" {
		t.Errorf("gRPC client span: peer.service %q, want inventory", got)
	}
	if server.parentID() != client.SpanID || server.SpanID == client.SpanID {
		t.Errorf("gRPC server span %s has parent %s, want a child of the client span %s", server.SpanID, server.parentID(), client.SpanID)
	}
	if tr.service(server) != "inventory" || tr.service(client) != "checkout" {
		t.Errorf("gRPC hop from %q to %q, want checkout to inventory", tr.service(client), tr.service(server))
	}
}
