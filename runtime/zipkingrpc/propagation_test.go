package zipkingrpc_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	testpb "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/metadata"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// tracerFor is a tracer that records into rec, with the given formats and
// sample rate (nil: every trace).
func tracerFor(t *testing.T, rec *zipkin.Recorder, formats []string, rate *float64) *zipkin.Tracer {
	t.Helper()
	tr, err := zipkin.New(zipkin.Options{ServiceName: "client", Reporter: rec, Propagation: formats, SampleRate: rate})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// traceKeysOf lists the trace keys in md, sorted.
func traceKeysOf(md metadata.MD) []string {
	var keys []string
	for k := range md {
		if zipkin.IsTraceHeader(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// Every format the client can inject reaches the server, which joins the
// trace as a child of the client span.
func TestEveryInjectFormat(t *testing.T) {
	for _, tc := range []struct {
		formats []string
		keys    string
	}{
		{[]string{"b3"}, "x-b3-parentspanid x-b3-sampled x-b3-spanid x-b3-traceid"},
		{[]string{"b3single"}, "b3"},
		{[]string{"w3c"}, "traceparent"},
		{[]string{"uber"}, "uber-trace-id"},
		{[]string{"b3", "b3single", "w3c", "uber"}, "b3 traceparent uber-trace-id x-b3-parentspanid x-b3-sampled x-b3-spanid x-b3-traceid"},
	} {
		t.Run(strings.Join(tc.formats, ","), func(t *testing.T) {
			rec := zipkintest.Record(t)
			client := tracerFor(t, rec, tc.formats, nil)
			r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{Tracer: client})
			r.svc.md = make(chan metadata.MD, 1)
			ctx, parent := client.Start(testContext(t), "test.parent")
			if _, err := r.client.EmptyCall(ctx, &testpb.Empty{}); err != nil {
				t.Fatal(err)
			}
			parent.End(nil)
			if got := strings.Join(traceKeysOf(<-r.svc.md), " "); got != tc.keys {
				t.Errorf("trace keys sent: %q, want %q", got, tc.keys)
			}
			cli := awaitKind(t, rec, emptyCallName, zipkin.Client)
			srv := awaitKind(t, rec, emptyCallName, zipkin.Server)
			zipkintest.ChildOf(t, cli, parent.Context())
			zipkintest.ChildOfSpan(t, srv, cli)
		})
	}
}

// The server reads every format from metadata that another client wrote,
// with the precedence of HTTP extraction.
func TestEveryExtractFormat(t *testing.T) {
	const (
		trace128 = "463ac35c9f6413ad48485a3953bb6124"
		trace64  = "48485a3953bb6124"
		span     = "a2fb4a1d1a96d312"
		other    = "0af7651916cd43dd8448eb211c80319c"
		otherSpn = "b7ad6b7169203331"
	)
	for _, tc := range []struct {
		name      string
		kv        []string
		wantTrace string // "" for a new trace
		wantSpan  string
		debug     bool
	}{
		{"b3 multi", []string{"x-b3-traceid", trace128, "x-b3-spanid", span, "x-b3-sampled", "1"}, trace128, span, false},
		{"b3 multi 64-bit", []string{"x-b3-traceid", trace64, "x-b3-spanid", span}, trace64, span, false},
		{"b3 debug", []string{"x-b3-traceid", trace128, "x-b3-spanid", span, "x-b3-flags", "1"}, trace128, span, true},
		{"b3 single", []string{"b3", trace128 + "-" + span + "-1"}, trace128, span, false},
		{"traceparent", []string{"traceparent", "00-" + trace128 + "-" + span + "-01"}, trace128, span, false},
		{"uber", []string{"uber-trace-id", trace128 + ":" + span + ":0:1"}, trace128, span, false},
		{"b3 single wins over multi", []string{"x-b3-traceid", other, "x-b3-spanid", otherSpn, "b3", trace128 + "-" + span + "-1"}, trace128, span, false},
		{"multi wins over traceparent", []string{"traceparent", "00-" + other + "-" + otherSpn + "-01", "x-b3-traceid", trace128, "x-b3-spanid", span}, trace128, span, false},
		{"traceparent wins over uber", []string{"uber-trace-id", other + ":" + otherSpn + ":0:1", "traceparent", "00-" + trace128 + "-" + span + "-01"}, trace128, span, false},
		{"malformed b3 falls through", []string{"b3", "garbage", "traceparent", "00-" + trace128 + "-" + span + "-01"}, trace128, span, false},
		{"first of repeated values wins", []string{"x-b3-traceid", trace128, "x-b3-traceid", other, "x-b3-spanid", span, "x-b3-spanid", otherSpn}, trace128, span, false},
		{"repeated traceparent is invalid", []string{"traceparent", "00-" + other + "-" + otherSpn + "-01", "traceparent", "00-" + trace128 + "-" + span + "-01"}, "", "", false},
		{"malformed everything", []string{"x-b3-traceid", "zz", "b3", "-", "traceparent", "00-00", "uber-trace-id", ":::"}, "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := zipkintest.Record(t)
			r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{Skip: func(string) bool { return true }})
			ctx := metadata.AppendToOutgoingContext(testContext(t), tc.kv...)
			if _, err := r.client.EmptyCall(ctx, &testpb.Empty{}); err != nil {
				t.Fatal(err)
			}
			srv := awaitKind(t, rec, emptyCallName, zipkin.Server)
			if tc.wantTrace == "" {
				zipkintest.IsRoot(t, srv)
				return
			}
			if srv.TraceID.String() != tc.wantTrace || srv.ParentID.String() != tc.wantSpan {
				t.Errorf("server span in trace %v under %v, want trace %s under %s", srv.TraceID, srv.ParentID, tc.wantTrace, tc.wantSpan)
			}
			if srv.ID.String() == tc.wantSpan {
				t.Errorf("server span shares its caller's ID")
			}
			if srv.Debug != tc.debug {
				t.Errorf("debug %v, want %v", srv.Debug, tc.debug)
			}
		})
	}
}

// An unsampled client records nothing, and its decision reaches the
// server, which records nothing either and hands the decision on.
func TestUnsampledDecisionTravels(t *testing.T) {
	rec := zipkintest.Record(t)
	zero := 0.0
	client := tracerFor(t, rec, nil, &zero)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{Tracer: client})
	r.svc.seen = make(chan zipkin.SpanContext, 1)
	ctx, parent := client.Start(testContext(t), "test.parent")
	if parent != nil {
		t.Fatal("the client tracer sampled a trace at rate 0")
	}
	sent, _ := zipkin.SpanContextFromContext(ctx)
	if _, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	got := <-r.svc.seen
	if got.TraceID != sent.TraceID || got.Sampling != zipkin.Deny {
		t.Errorf("server method's context: trace %v sampling %v, want trace %v denied", got.TraceID, got.Sampling, sent.TraceID)
	}
	if spans := rec.Spans(); len(spans) != 0 {
		t.Errorf("recorded %d spans of an unsampled trace: %v", len(spans), spans)
	}
}

// At an untrusted edge the server starts a new trace whatever the caller
// sent, forced sampling included.
func TestUntrustedEdge(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{UntrustedEdge: true}, zipkingrpc.ClientOptions{})
	ctx, parent := zipkintest.Parent(t)
	ctx = metadata.AppendToOutgoingContext(ctx, "x-b3-flags", "1")
	if _, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	cli := awaitKind(t, rec, unaryName, zipkin.Client)
	zipkintest.ChildOf(t, cli, parent)
	srv := awaitKind(t, rec, unaryName, zipkin.Server)
	zipkintest.IsRoot(t, srv)
	if srv.TraceID == parent.TraceID || srv.Debug {
		t.Errorf("server span in trace %v (debug %v): want a new trace, not the caller's %v", srv.TraceID, srv.Debug, parent.TraceID)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Await(t, rec, "test.UnaryCall"), srv)
}

// A proxy that forwards its incoming metadata as outgoing metadata would
// forward its caller's trace keys; the client replaces them, in every
// format, so the next server joins this hop.
func TestForwardedTraceKeysReplaced(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	r.svc.md = make(chan metadata.MD, 1)
	ctx, parent := zipkintest.Parent(t)
	forwarded := metadata.Pairs(
		"x-b3-traceid", "0af7651916cd43dd8448eb211c80319c", "x-b3-spanid", "b7ad6b7169203331",
		"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
		"authorization", "Bearer x")
	ctx = metadata.NewOutgoingContext(ctx, forwarded)
	if _, err := r.client.EmptyCall(ctx, &testpb.Empty{}); err != nil {
		t.Fatal(err)
	}
	md := <-r.svc.md
	if got := strings.Join(traceKeysOf(md), " "); got != "x-b3-parentspanid x-b3-sampled x-b3-spanid x-b3-traceid" {
		t.Errorf("trace keys at the server: %q, want only this hop's B3", got)
	}
	if len(md["x-b3-traceid"]) != 1 || md.Get("authorization")[0] != "Bearer x" {
		t.Errorf("metadata at the server: %v", md)
	}
	cli := awaitKind(t, rec, emptyCallName, zipkin.Client)
	zipkintest.ChildOf(t, cli, parent)
	zipkintest.ChildOfSpan(t, awaitKind(t, rec, emptyCallName, zipkin.Server), cli)
}

// A server method calling another service continues the trace: its
// outgoing call is a child of the method's span.
func TestServerCallsOnward(t *testing.T) {
	rec := zipkintest.Record(t)
	backend := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	front := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	front.svc.onward = func(ctx context.Context) error {
		_, err := backend.client.EmptyCall(ctx, &testpb.Empty{})
		return err
	}
	ctx, parent := zipkintest.Parent(t)
	if _, err := front.client.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	_, _ = checkTree(t, rec, parent, unaryName, "test.UnaryCall", "", 0)
	method := zipkintest.Named(t, rec, "test.UnaryCall")
	cli := awaitKind(t, rec, emptyCallName, zipkin.Client)
	zipkintest.ChildOfSpan(t, cli, method)
	zipkintest.ChildOfSpan(t, awaitKind(t, rec, emptyCallName, zipkin.Server), cli)
}
