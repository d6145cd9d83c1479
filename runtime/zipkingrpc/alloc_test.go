package zipkingrpc

import (
	"context"
	"net"
	"testing"

	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// rpcThroughServer runs the events gRPC gives a server handler for one
// RPC, in grpc's order. The events are made once: gRPC allocates them.
func rpcThroughServer(h stats.Handler, md metadata.MD) func() {
	info := &stats.RPCTagInfo{FullMethodName: "/pkg.Service/Method"}
	in, begin, end := &stats.InHeader{Header: md, RemoteAddr: tcpPeer}, &stats.Begin{}, &stats.End{}
	return func() {
		ctx := h.TagRPC(context.Background(), info)
		h.HandleRPC(ctx, in)
		h.HandleRPC(ctx, begin)
		h.HandleRPC(ctx, end)
	}
}

// rpcThroughClient runs the events gRPC gives a client handler for one
// attempt.
func rpcThroughClient(h stats.Handler, parent context.Context) func() {
	info := &stats.RPCTagInfo{FullMethodName: "/pkg.Service/Method"}
	begin, out, end := &stats.Begin{Client: true}, &stats.OutHeader{Client: true, RemoteAddr: tcpPeer}, &stats.End{Client: true}
	return func() {
		ctx := h.TagRPC(parent, info)
		h.HandleRPC(ctx, begin)
		h.HandleRPC(ctx, out)
		h.HandleRPC(ctx, end)
	}
}

var tcpPeer = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 50051}

func tracerAt(t testing.TB, rate float64) *zipkin.Tracer {
	tr, err := zipkin.New(zipkin.Options{Reporter: discard{}, SampleRate: &rate})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

type discard struct{}

func (discard) Report(*zipkin.Span)         {}
func (discard) Flush(context.Context) error { return nil }
func (discard) Close(context.Context) error { return nil }

// The allocations each handler adds to an RPC, beyond gRPC's own (the
// events themselves are allocated by gRPC). Disabled: none. Unsampled: the
// node that keeps the decision for the method (server), and the outgoing
// metadata that carries it on (client). These are budgets: a change that
// adds an allocation fails here.
func TestHandlerAllocations(t *testing.T) {
	disabled, err := zipkin.New(zipkin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	deny := metadata.MD{"b3": {"0"}}
	sampledMD := metadata.MD{"x-b3-traceid": {"463ac35c9f6413ad48485a3953bb6124"}, "x-b3-spanid": {"a2fb4a1d1a96d312"}, "x-b3-sampled": {"1"}}
	unsampledParent := zipkin.ContextWithSpanContext(context.Background(), zipkin.SpanContext{TraceID: zipkin.TraceID{Low: 7}, ID: 9, Sampling: zipkin.Deny})
	sampledParent, span := tracerAt(t, 1).Start(context.Background(), "parent")
	defer span.End(nil)
	sampled, unsampledServer := tracerAt(t, 1), tracerAt(t, 1)
	for _, tc := range []struct {
		name string
		run  func()
		max  float64
	}{
		{"server disabled", server(disabled, sampledMD), 0},
		{"server unsampled", server(unsampledServer, deny), 2},
		{"server sampled", server(sampled, sampledMD), 4},
		{"client disabled", client(disabled, sampledParent), 0},
		{"client unsampled", client(sampled, unsampledParent), 6},
		{"client sampled", client(sampled, sampledParent), 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := testing.AllocsPerRun(100, tc.run)
			t.Logf("%v allocations per RPC", got)
			if got > tc.max {
				t.Errorf("%v allocations per RPC, want at most %v", got, tc.max)
			}
		})
	}
}

func server(tr *zipkin.Tracer, md metadata.MD) func() {
	return rpcThroughServer(NewServerHandler(ServerOptions{Tracer: tr}), md)
}

func client(tr *zipkin.Tracer, parent context.Context) func() {
	return rpcThroughClient(NewClientHandler(ClientOptions{Tracer: tr}), parent)
}
