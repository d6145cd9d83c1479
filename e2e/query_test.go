//go:build e2e && unix

package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

// The subset of Jaeger's query API model (/api/traces) that the tests assert
// on. Zipkin spans arrive there translated: kind becomes the span.kind tag,
// annotations become logs with an "event" field, the local endpoint becomes
// the process, and an error tag becomes error=true plus the original value.
type (
	jTrace struct {
		TraceID   string              `json:"traceID"`
		Spans     []jSpan             `json:"spans"`
		Processes map[string]jProcess `json:"processes"`
	}
	jSpan struct {
		TraceID       string `json:"traceID"`
		SpanID        string `json:"spanID"`
		OperationName string `json:"operationName"`
		References    []jRef `json:"references"`
		StartTime     int64  `json:"startTime"` // epoch microseconds
		Duration      int64  `json:"duration"`  // microseconds
		Tags          []jKV  `json:"tags"`
		Logs          []jLog `json:"logs"`
		ProcessID     string `json:"processID"`
	}
	jRef struct {
		RefType string `json:"refType"`
		TraceID string `json:"traceID"`
		SpanID  string `json:"spanID"`
	}
	jKV struct {
		Key   string `json:"key"`
		Type  string `json:"type"`
		Value any    `json:"value"`
	}
	jLog struct {
		Timestamp int64 `json:"timestamp"`
		Fields    []jKV `json:"fields"`
	}
	jProcess struct {
		ServiceName string `json:"serviceName"`
		Tags        []jKV  `json:"tags"`
	}
	jResponse struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Code int    `json:"code"`
			Msg  string `json:"msg"`
		} `json:"errors"`
	}
)

// errNotFound is wrapped by get when Jaeger answers 404 (an unknown trace).
var errNotFound = errors.New("not found")

// get fetches a query API path into v (the response's data field).
func (j *jaeger) get(path string, v any) error {
	resp, err := http.Get(j.QueryURL + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return fmt.Errorf("GET %s: %w", path, errNotFound)
	}
	var r jResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("GET %s: %s: %v", path, resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK || len(r.Errors) > 0 {
		return fmt.Errorf("GET %s: %s: %+v", path, resp.Status, r.Errors)
	}
	return json.Unmarshal(r.Data, v)
}

// traces returns the traces that contain a span of service (whole traces,
// with the spans of every service in them).
func (j *jaeger) traces(service string) ([]jTrace, error) {
	var ts []jTrace
	err := j.get("/api/traces?limit=1000&service="+url.QueryEscape(service), &ts)
	return ts, err
}

// trace returns one trace by its hex ID.
func (j *jaeger) trace(id string) (jTrace, error) {
	var ts []jTrace
	if err := j.get("/api/traces/"+url.PathEscape(id), &ts); err != nil {
		return jTrace{}, err
	}
	if len(ts) != 1 {
		return jTrace{}, fmt.Errorf("trace %s: got %d traces", id, len(ts))
	}
	return ts[0], nil
}

// allTraces returns the distinct traces that touch any of services, by ID.
func (j *jaeger) allTraces(services ...string) (map[string]jTrace, error) {
	all := map[string]jTrace{}
	for _, svc := range services {
		ts, err := j.traces(svc)
		if err != nil {
			return nil, err
		}
		for _, tr := range ts {
			all[tr.TraceID] = tr
		}
	}
	return all, nil
}

// waitSpans waits until Jaeger holds exactly want spans in the traces that
// touch services (Jaeger stores asynchronously after answering 202), checks
// that no more arrive shortly after, and returns those traces. It fails the
// test with what it saw if the count never matches.
func (j *jaeger) waitSpans(t testing.TB, want int, services ...string) map[string]jTrace {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var got int
	for {
		all, err := j.allTraces(services...)
		if err != nil {
			t.Fatal(err)
		}
		got = countSpans(all)
		if got == want {
			time.Sleep(500 * time.Millisecond) // anything extra would be late by now
			if all, err = j.allTraces(services...); err != nil {
				t.Fatal(err)
			}
			if got = countSpans(all); got == want {
				return all
			}
		}
		if got > want || time.Now().After(deadline) {
			t.Fatalf("Jaeger holds %d spans for %v, want %d:\n%s", got, services, want, describeTraces(all))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func countSpans(all map[string]jTrace) int {
	n := 0
	for _, tr := range all {
		n += len(tr.Spans)
	}
	return n
}

// parentID is the span ID of the CHILD_OF reference, "" for a root.
func (s jSpan) parentID() string {
	for _, r := range s.References {
		if r.RefType == "CHILD_OF" {
			return r.SpanID
		}
	}
	return ""
}

// tagValues returns every value of key as a string; Jaeger may hold a key
// twice (error=true from the status, and the original error message).
func (s jSpan) tagValues(key string) []string {
	var vs []string
	for _, kv := range s.Tags {
		if kv.Key == key {
			vs = append(vs, fmt.Sprint(kv.Value))
		}
	}
	return vs
}

// tag returns the first string value of key.
func (s jSpan) tag(key string) (string, bool) {
	vs := s.tagValues(key)
	if len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// kind returns the Zipkin kind as Jaeger shows it ("client", "server", ...).
func (s jSpan) kind() string {
	k, _ := s.tag("span.kind")
	return k
}

// hasError reports whether Jaeger marked the span as failed.
func (s jSpan) hasError() bool {
	for _, v := range s.tagValues("error") {
		if v == "true" {
			return true
		}
	}
	return false
}

// events returns the span's annotation values in time order.
func (s jSpan) events() []string {
	logs := append([]jLog(nil), s.Logs...)
	sort.SliceStable(logs, func(a, b int) bool { return logs[a].Timestamp < logs[b].Timestamp })
	var evs []string
	for _, l := range logs {
		for _, f := range l.Fields {
			if f.Key == "event" {
				evs = append(evs, fmt.Sprint(f.Value))
			}
		}
	}
	return evs
}

// service returns the local service name of s.
func (tr jTrace) service(s jSpan) string { return tr.Processes[s.ProcessID].ServiceName }

// span returns the only span named name, failing the test otherwise.
func (tr jTrace) span(t testing.TB, name string) jSpan {
	t.Helper()
	var found []jSpan
	for _, s := range tr.Spans {
		if s.OperationName == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("trace %s: %d spans named %q, want 1:\n%s", tr.TraceID, len(found), name, tr.describe())
	}
	return found[0]
}

// describe renders a trace as an indented tree for failure messages.
func (tr jTrace) describe() string {
	spans := append([]jSpan(nil), tr.Spans...)
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].StartTime < spans[b].StartTime })
	children := map[string][]jSpan{}
	ids := map[string]bool{}
	for _, s := range spans {
		ids[s.SpanID] = true
	}
	var roots []jSpan
	for _, s := range spans {
		if p := s.parentID(); p != "" && ids[p] {
			children[p] = append(children[p], s)
		} else {
			roots = append(roots, s)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "trace %s (%d spans)\n", tr.TraceID, len(tr.Spans))
	var walk func(s jSpan, depth int)
	walk = func(s jSpan, depth int) {
		fmt.Fprintf(&b, "%s%s [%s] %s kind=%q error=%v events=%q\n",
			strings.Repeat("  ", depth+1), s.OperationName, tr.service(s), s.SpanID, s.kind(), s.hasError(), s.events())
		for _, c := range children[s.SpanID] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return b.String()
}

func describeTraces(all map[string]jTrace) string {
	var b strings.Builder
	for _, tr := range all {
		b.WriteString(tr.describe())
	}
	return b.String()
}
