package frameworks_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/zipkingen/zipkingen/frameworks/grpcclient"
	"github.com/zipkingen/zipkingen/frameworks/grpcsvc"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// mdCarrier reads and writes B3 headers in gRPC metadata.
type mdCarrier metadata.MD

func (c mdCarrier) Get(k string) string {
	if v := metadata.MD(c).Get(k); len(v) > 0 {
		return v[0]
	}
	return ""
}

func (c mdCarrier) Set(k, v string) { metadata.MD(c).Set(k, v) }

// slotHandler stands in for the gRPC integration's server side: it joins
// the trace in the incoming metadata and installs a span slot in every
// RPC's context, so that a traced stream method's stream.Context() carries
// its span.
type slotHandler struct{}

func (slotHandler) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context {
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if sc, ok := zipkin.Extract(mdCarrier(md)); ok {
			ctx = zipkin.ContextWithSpanContext(ctx, sc)
		}
	}
	return zipkin.WithSpanSlot(ctx)
}
func (slotHandler) HandleRPC(context.Context, stats.RPCStats) {}
func (slotHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return ctx
}
func (slotHandler) HandleConn(context.Context, stats.ConnStats) {}

// inject stands in for the integration's client side: the caller's span
// goes along in the outgoing metadata.
func inject(ctx context.Context) context.Context {
	md, _ := metadata.FromOutgoingContext(ctx)
	md = md.Copy()
	if md == nil {
		md = metadata.MD{}
	}
	zipkin.Inject(ctx, mdCarrier(md))
	return metadata.NewOutgoingContext(ctx, md)
}

func dialGuide(t *testing.T) *grpc.ClientConn {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer(grpc.StatsHandler(slotHandler{}))
	s.RegisterService(&grpcsvc.ServiceDesc, grpcsvc.Guide{})
	go s.Serve(lis)
	t.Cleanup(s.Stop)
	cc, err := grpc.NewClient(lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
			return invoker(inject(ctx), method, req, reply, cc, opts...)
		}),
		grpc.WithStreamInterceptor(func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
			return streamer(inject(ctx), desc, cc, method, opts...)
		}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// TestGRPCUnary: client function (traced by -all) → server method →
// store.Get, one trace.
func TestGRPCUnary(t *testing.T) {
	rec := zipkintest.Record(t)
	cc := dialGuide(t)
	ctx, p := zipkintest.Parent(t)
	if got, err := grpcclient.GetFeature(ctx, cc, 4); err != nil || got != "item-4" {
		t.Fatalf("GetFeature = %q, %v", got, err)
	}
	client := zipkintest.Named(t, rec, "grpcclient.GetFeature")
	zipkintest.ChildOf(t, client, p)
	server := zipkintest.Await(t, rec, "grpcsvc.Guide.GetFeature")
	zipkintest.ChildOfSpan(t, server, client)
	if server.Kind != zipkin.Server {
		t.Errorf("server kind %v", server.Kind)
	}
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "store.Get"), server)
	oneTrace(t, rec, client)
}

// countingStream counts calls of Context on a client stream, which in
// gRPC commits the retry attempt.
type countingStream struct {
	grpc.ServerStreamingClient[wrapperspb.StringValue]
	calls int
}

func (s *countingStream) Context() context.Context {
	s.calls++
	return s.ServerStreamingClient.Context()
}

// TestGRPCServerStream: what the stream method starts from
// stream.Context() is its child (the slot); -all's client code never
// calls the client stream's Context() and does not trace Drain or a
// helper that only derives a context.
func TestGRPCServerStream(t *testing.T) {
	rec := zipkintest.Record(t)
	cc := dialGuide(t)
	ctx, p := zipkintest.Parent(t)
	ctx, cancel := grpcclient.WithDeadline(ctx, 10*time.Second)
	defer cancel()
	s, err := grpcclient.ListFeatures(ctx, cc, 3)
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStream{ServerStreamingClient: s}
	names, err := grpcclient.Drain(cs)
	if err != nil || strings.Join(names, ",") != "item-0,item-1,item-2" {
		t.Fatalf("Drain = %q, %v", names, err)
	}
	if cs.calls != 0 {
		t.Errorf("the client stream's Context() was called %d time(s); the code never calls it", cs.calls)
	}
	server := zipkintest.Await(t, rec, "grpcsvc.Guide.ListFeatures")
	// ListFeatures returns a stream that carries its context, so its own
	// span is not the stream's parent: the server span is the caller's
	// child.
	zipkintest.ChildOf(t, server, p)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "grpcclient.ListFeatures"), p)
	n := 0
	for _, sp := range rec.Spans() {
		switch sp.Name {
		case "store.Get":
			n++
			zipkintest.ChildOfSpan(t, sp, server)
		case "grpcclient.Drain", "grpcclient.WithDeadline":
			t.Errorf("-all traced %s", sp.Name)
		}
	}
	if n != 3 {
		t.Errorf("%d store.Get spans, want 3", n)
	}
	oneTrace(t, rec, server)
}
