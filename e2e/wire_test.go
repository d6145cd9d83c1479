//go:build e2e && unix

package e2e

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestRuntimeWire is the proof that the runtime's wire formats are right on
// a real collector: a small trace goes through the HTTP reporter to Jaeger's
// Zipkin endpoint as JSON and as proto3, gzipped and plain, configured the
// way users configure it (the ZIPKIN_* environment), and is read back from
// Jaeger.
func TestRuntimeWire(t *testing.T) {
	j := startJaeger(t)
	for _, enc := range []string{"json", "proto3"} {
		for _, compression := range []string{"gzip", "none"} {
			t.Run(enc+"-"+compression, func(t *testing.T) { testWire(t, j, enc, compression) })
		}
	}
}

func testWire(t *testing.T, j *jaeger, encoding, compression string) {
	service := "wire-" + encoding + "-" + compression
	env := map[string]string{
		"ZIPKIN_ENDPOINT":     j.ZipkinURL[:len(j.ZipkinURL)-len("/api/v2/spans")], // bare host:port gets the path
		"ZIPKIN_ENCODING":     encoding,
		"ZIPKIN_COMPRESSION":  compression,
		"ZIPKIN_SERVICE_NAME": service,
	}
	opts, err := zipkin.OptionsFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	tracer, err := zipkin.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	traceID := sendWireTrace(tracer)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tracer.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	st := tracer.Stats()
	if st.Sampled != 3 || st.Reported != 3 || st.TotalDropped() != 0 {
		t.Fatalf("stats: sampled %d reported %d dropped %v (last error %q), want 3, 3, none",
			st.Sampled, st.Reported, st.Dropped, st.LastError)
	}
	all := j.waitSpans(t, int(st.Reported), service)
	if len(all) != 1 {
		t.Fatalf("got %d traces, want 1:\n%s", len(all), describeTraces(all))
	}
	tr, err := j.trace(traceID.String())
	if err != nil {
		t.Fatal(err)
	}
	checkWireTrace(t, tr, traceID, service)
}

// sendWireTrace records a SERVER root with a failing CLIENT child and a local
// child, with tags of several types and annotations, and returns its trace ID.
func sendWireTrace(tracer *zipkin.Tracer) zipkin.TraceID {
	ctx, root := tracer.Start(context.Background(), "GET /orders/{id}", zipkin.WithKind(zipkin.Server))
	root.Tag("http.method", "GET")
	root.TagInt("order.items", 3)
	root.Annotate("auth ok")

	_, charge := tracer.Start(ctx, "charge", zipkin.WithKind(zipkin.Client), zipkin.WithRemoteService("payments"))
	charge.TagBool("retry", false)
	time.Sleep(time.Millisecond) // a measurable duration
	errDeclined := errors.New("card declined")
	charge.End(&errDeclined)

	_, render := tracer.Start(ctx, "render")
	render.Annotate("template loaded")
	render.Annotate("written")
	render.End(nil)

	root.End(nil)
	return root.Context().TraceID
}

func checkWireTrace(t *testing.T, tr jTrace, traceID zipkin.TraceID, service string) {
	if got, ok := zipkin.ParseTraceID(tr.TraceID); !ok || got != traceID {
		t.Errorf("Jaeger trace ID %q, want %s", tr.TraceID, traceID)
	}
	root, charge, render := tr.span(t, "GET /orders/{id}"), tr.span(t, "charge"), tr.span(t, "render")
	for _, s := range []jSpan{root, charge, render} {
		if tr.service(s) != service {
			t.Errorf("%s: service %q, want %q", s.OperationName, tr.service(s), service)
		}
		// 1µs of slack at the end: start and duration are each truncated
		// to microseconds, so a child can seem to outlast its parent by one.
		if s.Duration < 1 || s.StartTime < root.StartTime || s.StartTime+s.Duration > root.StartTime+root.Duration+1 {
			t.Errorf("%s: start %d duration %d not inside the root's [%d, +%d]", s.OperationName, s.StartTime, s.Duration, root.StartTime, root.Duration)
		}
	}
	if root.parentID() != "" || charge.parentID() != root.SpanID || render.parentID() != root.SpanID {
		t.Errorf("parents: root %q, charge %q, render %q; want none, %[4]s, %[4]s", root.parentID(), charge.parentID(), render.parentID(), root.SpanID)
	}
	wantKinds := map[string]string{"GET /orders/{id}": "server", "charge": "client", "render": ""}
	for _, s := range []jSpan{root, charge, render} {
		if s.kind() != wantKinds[s.OperationName] {
			t.Errorf("%s: kind %q, want %q", s.OperationName, s.kind(), wantKinds[s.OperationName])
		}
	}
	wantTag(t, root, "http.method", "GET")
	wantTag(t, root, "order.items", "3")
	wantTag(t, charge, "retry", "false")
	wantTag(t, charge, "peer.service", "payments")
	if !charge.hasError() || !slices.Contains(charge.tagValues("error"), "card declined") {
		t.Errorf("charge: error tags %q, want true and %q", charge.tagValues("error"), "card declined")
	}
	if root.hasError() || render.hasError() {
		t.Errorf("error on a span that did not fail: root %q, render %q", root.tagValues("error"), render.tagValues("error"))
	}
	if ev := root.events(); !slices.Equal(ev, []string{"auth ok"}) {
		t.Errorf("root annotations %q, want [auth ok]", ev)
	}
	if ev := render.events(); !slices.Equal(ev, []string{"template loaded", "written"}) {
		t.Errorf("render annotations %q, want [template loaded written]", ev)
	}
}

func wantTag(t *testing.T, s jSpan, key, want string) {
	t.Helper()
	if got, ok := s.tag(key); !ok || got != want {
		t.Errorf("%s: tag %s = %q (present %v), want %q", s.OperationName, key, got, ok, want)
	}
}
