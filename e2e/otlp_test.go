//go:build e2e && unix

package e2e

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// otlpURL is Jaeger's OTLP/HTTP traces endpoint (its own port, on
// 127.0.0.1 like every other: collector.otlp.http.host-port).
func (j *jaeger) otlpURL() string {
	return "http://" + j.addr["collector.otlp.http.host-port"] + "/v1/traces"
}

// TestShopOTLP runs the example shop with Zipkin v2 JSON, then twice with
// OTLP to Jaeger's OTLP/HTTP port (ZIPKIN_ENCODING=otlp; and gzipped, with
// only the /v1/traces endpoint selecting the encoding), each against a
// fresh Jaeger. Every OTLP trace must have the shapes and directive values
// of the Zipkin runs, and span by span the same parents, kinds, tags and
// annotations as the Zipkin run once both are read back through the query
// API (spanSummary lists the few differences that are the formats' own).
func TestShopOTLP(t *testing.T) {
	shop := buildShop(t)
	runs := []struct {
		name string
		env  func(j *jaeger) []string
	}{
		{"zipkin-json", func(j *jaeger) []string { return []string{"ZIPKIN_ENCODING=json"} }},
		{"otlp", func(j *jaeger) []string { return []string{"ZIPKIN_ENDPOINT=" + j.otlpURL(), "ZIPKIN_ENCODING=otlp"} }},
		{"otlp-gzip-by-path", func(j *jaeger) []string {
			return []string{"ZIPKIN_ENDPOINT=" + j.otlpURL(), "ZIPKIN_COMPRESSION=gzip"}
		}},
	}
	summaries := map[string]map[string][]string{} // run -> request path -> span summaries
	for _, run := range runs {
		ok := t.Run(run.name, func(t *testing.T) {
			j := startJaeger(t)
			rep := runShop(t, shop, j, run.name, run.env(j), nil)
			reported := checkShopStats(t, rep)
			all := j.waitSpans(t, int(reported), shopServices...)
			if len(all) != len(shopTrees) {
				t.Errorf("Jaeger holds %d traces, want %d:\n%s", len(all), len(shopTrees), describeTraces(all))
			}
			summaries[run.name] = map[string][]string{}
			for _, rq := range rep.Requests {
				tr, err := j.trace(rq.TraceID)
				if err != nil {
					t.Fatalf("GET %s: %v", rq.Path, err)
				}
				tr = withoutInternalKind(tr)
				checkShopShape(t, tr, rq.Path)
				if rq.Path == "/items/mug" {
					checkTagTypes(t, tr, run.name != "zipkin-json")
				}
				summaries[run.name][rq.Path] = summarize(tr)
			}
		})
		if !ok && summaries[run.name] == nil {
			return
		}
	}
	want := summaries["zipkin-json"]
	for _, run := range runs[1:] {
		for path, w := range want {
			if got := summaries[run.name][path]; !slices.Equal(got, w) {
				t.Errorf("%s: GET %s differs from the Zipkin run:\n%s", run.name, path, lineDiff(w, got))
			}
		}
	}
}

// checkTagTypes checks that integer tags arrive as Zipkin's strings, or
// with OTLP as integers.
func checkTagTypes(t *testing.T, tr jTrace, otlp bool) {
	t.Helper()
	want := "string"
	if otlp {
		want = "int64"
	}
	s := tr.span(t, "catalog.Catalog.Lookup")
	for _, kv := range s.Tags {
		if kv.Key == "item.price" && kv.Type != want {
			t.Errorf("item.price is a %s, want %s", kv.Type, want)
		}
	}
}

// withoutInternalKind drops span.kind=internal: a Zipkin span without a
// kind is sent as OTLP's INTERNAL (the specification's mapping), which
// Jaeger shows as that tag, where a Zipkin span has none.
func withoutInternalKind(tr jTrace) jTrace {
	spans := make([]jSpan, len(tr.Spans))
	for i, s := range tr.Spans {
		s.Tags = slices.DeleteFunc(slices.Clone(s.Tags), func(kv jKV) bool {
			return kv.Key == "span.kind" && kv.Value == "internal"
		})
		spans[i] = s
	}
	tr.Spans = spans
	return tr
}

// checkShopShape is checkShopTrace for a trace already read: its shape
// and its directives' tags and annotations.
func checkShopShape(t *testing.T, tr jTrace, path string) {
	t.Helper()
	want, ok := shopTrees[path]
	if !ok {
		t.Errorf("unexpected request %s", path)
		return
	}
	if got := shapeOf(tr); got != strings.TrimPrefix(want, "\n") {
		t.Errorf("GET %s: trace %s has the shape\n%s\nwant\n%s", path, tr.TraceID, got, want)
	}
	for _, d := range shopDirectives[path] {
		s := tr.span(t, d.name)
		for k, v := range d.tags {
			if got, ok := tagText(s, k); !ok || (v != "*" && got != v) {
				t.Errorf("GET %s: %s: tag %s = %q (present %v), want %q", path, d.name, k, got, ok, v)
			}
		}
		if ev := s.events(); !slices.Equal(ev, d.events) {
			t.Errorf("GET %s: %s: annotations %q, want %q", path, d.name, ev, d.events)
		}
	}
}

// summarize renders every span of tr as one line: its ancestry (service,
// kind and name of each span from the root), whether it failed, its tags
// and its annotations, sorted. Values that differ between any two runs
// (generated IDs, loopback ports) are masked.
func summarize(tr jTrace) []string {
	byID := map[string]jSpan{}
	for _, s := range tr.Spans {
		byID[s.SpanID] = s
	}
	var out []string
	for _, s := range tr.Spans {
		var chain []string
		for p, depth := s, 0; depth < 64; depth++ {
			chain = append([]string{fmt.Sprintf("%s %s %s", tr.service(p), p.kind(), p.OperationName)}, chain...)
			parent, ok := byID[p.parentID()]
			if !ok {
				break
			}
			p = parent
		}
		out = append(out, fmt.Sprintf("%s | error=%v %q | %s | events %q",
			strings.Join(chain, " > "), s.hasError(), errorMessage(s), spanTags(s), s.events()))
	}
	sort.Strings(out)
	return out
}

var (
	loopbackPort = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	randomValued = map[string]bool{"order.id": true, "auth.code": true}
)

// spanTags lists a span's tags as key=value, sorted, leaving out what the
// two formats carry differently by design:
//   - span.kind (compared through kind) and the error tags (through
//     hasError): from Zipkin, Jaeger keeps error's message and adds
//     error=true; from OTLP the message is the status description
//     (otel.status_description, with otel.status_code=ERROR);
//   - the tags Jaeger's OTLP translation adds (otel.scope.*, otel.library.*)
//     and its Zipkin translation's internal.span.format;
//
// The remote endpoint's address arrives from Zipkin as net.peer.ip and
// net.peer.port, from OTLP as network.peer.address and network.peer.port:
// they are compared under the OTLP names.
func spanTags(s jSpan) string {
	var tags []string
	for _, kv := range s.Tags {
		k := kv.Key
		switch k {
		case "span.kind", "error", "internal.span.format":
			continue
		case "net.peer.ip": // Jaeger's name for a Zipkin remote endpoint's address
			k = "network.peer.address"
		case "net.peer.port":
			k = "network.peer.port"
		}
		if strings.HasPrefix(k, "otel.") {
			continue
		}
		v := loopbackPort.ReplaceAllString(valueText(kv.Value), "127.0.0.1:PORT")
		if randomValued[k] || k == "network.peer.port" { // generated IDs; ephemeral client ports
			v = "*"
		}
		tags = append(tags, k+"="+v)
	}
	sort.Strings(tags)
	return strings.Join(tags, " ")
}

// errorMessage is the message of a failed span: from Zipkin, the error
// tag's value that Jaeger keeps beside error=true; from OTLP, the status
// description.
func errorMessage(s jSpan) string {
	for _, v := range s.tagValues("error") {
		if v != "true" {
			return v
		}
	}
	v, _ := s.tag("otel.status_description")
	return v
}

// valueText renders a tag value read from the query API: typed OTLP
// attributes arrive as JSON numbers and booleans, Zipkin tags as strings.
func valueText(v any) string {
	if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return strconv.FormatInt(int64(f), 10)
	}
	return fmt.Sprint(v)
}

// tagText is jSpan.tag with valueText's rendering.
func tagText(s jSpan, key string) (string, bool) {
	for _, kv := range s.Tags {
		if kv.Key == key {
			return valueText(kv.Value), true
		}
	}
	return "", false
}

// lineDiff shows the lines only in want (-) and only in got (+).
func lineDiff(want, got []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("- " + w + "\n")
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("+ " + g + "\n")
		}
	}
	return b.String()
}
