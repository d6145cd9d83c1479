package zipkingrpc_test

import (
	"context"
	"testing"

	testpb "google.golang.org/grpc/interop/grpc_testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// methodRules deny EmptyCall (given with gRPC's leading slash) and sample
// every other method of the test service; the rule between them has a
// Method, which an RPC never matches.
func methodRules() zipkin.SamplingRules {
	return zipkin.SamplingRules{
		{Route: "/" + emptyCallName},
		{Method: "POST", Route: "*", Sampler: zipkin.ProbabilitySampler(0)},
		{Route: "grpc.testing.TestService/*", Sampler: zipkin.ProbabilitySampler(1)},
	}
}

// call makes a unary RPC (EmptyCall or UnaryCall) and returns the trace
// the server method found in its context.
func (r *rig) call(t *testing.T, ctx context.Context, method string) zipkin.SpanContext {
	t.Helper()
	var err error
	if method == emptyCallName {
		_, err = r.client.EmptyCall(ctx, &testpb.Empty{})
	} else {
		_, err = r.client.UnaryCall(ctx, &testpb.SimpleRequest{})
	}
	if err != nil {
		t.Fatal(err)
	}
	return <-r.svc.seen
}

func disabledTracer(t *testing.T) *zipkin.Tracer {
	t.Helper()
	tr, err := zipkin.New(zipkin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// The server's rules decide the traces its RPCs start, by full method,
// first match first, against a tracer that would decide otherwise; a
// caller's decision still stands.
func TestServerSamplingRules(t *testing.T) {
	zero, one := 0.0, 1.0
	untraced := zipkingrpc.ClientOptions{Tracer: disabledTracer(t)} // sends no trace
	for _, tc := range []struct {
		name   string
		rate   *float64 // the server tracer's
		client zipkingrpc.ClientOptions
		edge   bool // UntrustedEdge: the caller's decision is ignored
		method string
		want   zipkin.Decision
	}{
		{"rule samples, tracer would not", &zero, untraced, false, unaryName, zipkin.Accept},
		{"first rule denies, tracer would sample", &one, untraced, false, emptyCallName, zipkin.Deny},
		{"caller's accept beats a denying rule", &zero, zipkingrpc.ClientOptions{}, false, emptyCallName, zipkin.Accept},
		{"caller's deny beats a sampling rule", &one, zipkingrpc.ClientOptions{Tracer: tracerFor(t, zipkin.NewRecorder(), nil, &zero)}, false, unaryName, zipkin.Deny},
		{"at an untrusted edge the rule beats the caller", &one, zipkingrpc.ClientOptions{}, true, emptyCallName, zipkin.Deny},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := zipkintest.Record(t) // the caller's and the methods' tracer
			server := tracerFor(t, rec, nil, tc.rate)
			r := newBufRig(t, zipkingrpc.ServerOptions{Tracer: server, SamplingRules: methodRules(), UntrustedEdge: tc.edge}, tc.client)
			r.svc.seen = make(chan zipkin.SpanContext, 1)
			ctx := testContext(t)
			var parent zipkin.SpanContext
			if tc.client.Tracer == nil {
				ctx, parent = zipkintest.Parent(t)
			} else if tc.client.Tracer.Enabled() {
				var span *zipkin.Span
				ctx, span = tc.client.Tracer.Start(ctx, "test.parent")
				if span != nil {
					t.Fatal("the caller's tracer sampled at rate 0")
				}
				parent, _ = zipkin.SpanContextFromContext(ctx)
			}
			got := r.call(t, ctx, tc.method)
			if got.Sampling != tc.want {
				t.Fatalf("the method's trace: sampling %v, want %v", got.Sampling, tc.want)
			}
			if parent.IsValid() && !tc.edge && got.TraceID != parent.TraceID {
				t.Errorf("the method's trace %v, want the caller's %v", got.TraceID, parent.TraceID)
			}
			if tc.want != zipkin.Accept {
				return
			}
			srv := awaitKind(t, rec, tc.method, zipkin.Server)
			if parent.IsValid() {
				zipkintest.ChildOfSpan(t, srv, awaitKind(t, rec, tc.method, zipkin.Client))
			} else {
				zipkintest.IsRoot(t, srv)
			}
		})
	}
}

// The client's rules decide the traces its RPCs start (no parent in the
// call's context), and the decision reaches the server; a parent's
// decision still stands.
func TestClientSamplingRules(t *testing.T) {
	zero, one := 0.0, 1.0
	for _, tc := range []struct {
		name   string
		rate   float64 // the client tracer's
		parent bool    // call from a span of the client tracer (sampled or not, as rate says)
		method string
		want   zipkin.Decision
	}{
		{"rule samples, tracer would not", zero, false, unaryName, zipkin.Accept},
		{"first rule denies, tracer would sample", one, false, emptyCallName, zipkin.Deny},
		{"parent's accept beats a denying rule", one, true, emptyCallName, zipkin.Accept},
		{"parent's deny beats a sampling rule", zero, true, unaryName, zipkin.Deny},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := zipkintest.Record(t) // the server's tracer: it follows the caller
			client := tracerFor(t, rec, nil, &tc.rate)
			r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{Tracer: client, SamplingRules: methodRules()})
			r.svc.seen = make(chan zipkin.SpanContext, 1)
			ctx := testContext(t)
			var parent zipkin.SpanContext
			if tc.parent {
				var span *zipkin.Span
				ctx, span = client.Start(ctx, "test.parent")
				defer span.End(nil)
				parent, _ = zipkin.SpanContextFromContext(ctx)
			}
			got := r.call(t, ctx, tc.method)
			if got.Sampling != tc.want {
				t.Fatalf("the server method's trace: sampling %v, want %v", got.Sampling, tc.want)
			}
			if tc.parent && got.TraceID != parent.TraceID {
				t.Errorf("the server method's trace %v, want the caller's %v", got.TraceID, parent.TraceID)
			}
			if tc.want != zipkin.Accept {
				return
			}
			cli := awaitKind(t, rec, tc.method, zipkin.Client)
			if tc.parent {
				zipkintest.ChildOf(t, cli, parent)
			} else {
				zipkintest.IsRoot(t, cli)
			}
			zipkintest.ChildOfSpan(t, awaitKind(t, rec, tc.method, zipkin.Server), cli)
		})
	}
}
