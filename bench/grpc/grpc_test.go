package grpcbench

import (
	"context"
	"net"
	"testing"

	zgogrpc "github.com/openzipkin/zipkin-go/middleware/grpc"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	testpb "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/test/bufconn"

	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
)

// The handlers under test, per library, in a mode.

func oursServer(tb testing.TB, m mode) stats.Handler {
	return zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{Tracer: newOursTracer(tb, m.ours)})
}

func zipkinGoServer(tb testing.TB, m mode) stats.Handler {
	return zgogrpc.NewServerHandler(newZipkinGoTracer(tb, m.zg))
}

func otelServer(tb testing.TB, m mode) stats.Handler {
	return otelgrpc.NewServerHandler(otelgrpc.WithTracerProvider(newOTelProvider(tb, m.otel)),
		otelgrpc.WithMeterProvider(metricnoop.NewMeterProvider()), otelgrpc.WithPropagators(propagation.TraceContext{}))
}

// The client handlers come with the caller's context: a parent span of the
// same library and mode.

func oursClient(tb testing.TB, m mode) (stats.Handler, context.Context) {
	t := newOursTracer(tb, m.ours)
	return zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{Tracer: t}), oursParent(t)
}

func zipkinGoClient(tb testing.TB, m mode) (stats.Handler, context.Context) {
	tr := newZipkinGoTracer(tb, m.zg)
	return zgogrpc.NewClientHandler(tr), zipkinGoParent(tr)
}

func otelClient(tb testing.TB, m mode) (stats.Handler, context.Context) {
	p := newOTelProvider(tb, m.otel)
	return otelgrpc.NewClientHandler(otelgrpc.WithTracerProvider(p),
		otelgrpc.WithMeterProvider(metricnoop.NewMeterProvider()), otelgrpc.WithPropagators(propagation.TraceContext{})), otelParent(p)
}

// nopHandler is a stats handler that does nothing: what gRPC itself costs
// once any stats handler is installed (it then allocates the events, and
// copies the incoming metadata for InHeader). No tracing handler can cost
// less, so it runs as the benchmarks' "floor".
type nopHandler struct{}

func (nopHandler) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context   { return ctx }
func (nopHandler) HandleRPC(context.Context, stats.RPCStats)                         {}
func (nopHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }
func (nopHandler) HandleConn(context.Context, stats.ConnStats)                       {}

// emptyService answers EmptyCall: the RPC itself is all that is measured.
type emptyService struct {
	testpb.UnimplementedTestServiceServer
}

func (emptyService) EmptyCall(context.Context, *testpb.Empty) (*testpb.Empty, error) {
	return &testpb.Empty{}, nil
}

// loopbackAddrs gives a bufconn connection the addresses a TCP connection
// on 127.0.0.1 has. bufconn's own address is the name "bufconn", which
// zipkin-go's handlers would look up in DNS on every RPC (net.LookupIP in
// zipkin.NewEndpoint): a query that must never leave this machine, and a
// cost no real server pays.
type loopbackAddrs struct {
	net.Conn
	local, remote *net.TCPAddr
}

func (c loopbackAddrs) LocalAddr() net.Addr  { return c.local }
func (c loopbackAddrs) RemoteAddr() net.Addr { return c.remote }

var (
	serverAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 50051}
	clientAddr = peerAddr
)

// loopbackListener is a bufconn listener whose connections have loopback
// TCP addresses.
type loopbackListener struct{ *bufconn.Listener }

func (l loopbackListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return loopbackAddrs{Conn: c, local: serverAddr, remote: clientAddr}, nil
}

func (l loopbackListener) Addr() net.Addr { return serverAddr }

// bufconnPair serves emptyService over bufconn; either handler may be nil.
func bufconnPair(tb testing.TB, server, client stats.Handler) testpb.TestServiceClient {
	tb.Helper()
	buf := bufconn.Listen(1 << 20)
	lis := loopbackListener{buf}
	var sopts []grpc.ServerOption
	if server != nil {
		sopts = append(sopts, grpc.StatsHandler(server))
	}
	srv := grpc.NewServer(sopts...)
	testpb.RegisterTestServiceServer(srv, emptyService{})
	go func() { _ = srv.Serve(lis) }()
	tb.Cleanup(srv.Stop)
	copts := []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			c, err := buf.DialContext(ctx)
			if err != nil {
				return nil, err
			}
			return loopbackAddrs{Conn: c, local: clientAddr, remote: serverAddr}, nil
		}),
	}
	if client != nil {
		copts = append(copts, grpc.WithStatsHandler(client))
	}
	conn, err := grpc.NewClient("passthrough:///bufconn", copts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	return testpb.NewTestServiceClient(conn)
}

// benchRPC makes unary calls from ctx, one per iteration.
func benchRPC(b *testing.B, c testpb.TestServiceClient, ctx context.Context) {
	in := &testpb.Empty{}
	if _, err := c.EmptyCall(ctx, in); err != nil { // connect outside the measurement
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := c.EmptyCall(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGRPCServer measures a server handler over a real gRPC
// connection (bufconn): an untraced client sends the trace of a traced
// caller in its metadata (B3 multi and traceparent, sampled as the mode
// says), so every library joins it. "untraced" has no handler at all;
// "floor" has one that does nothing, which makes gRPC do its share of the
// work of any stats handler: the least a handler can cost.
func BenchmarkGRPCServer(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			ctx := metadata.AppendToOutgoingContext(context.Background(), upstreamPairs(m.sampled)...)
			b.Run("zipkingen", func(b *testing.B) { benchRPC(b, bufconnPair(b, oursServer(b, m), nil), ctx) })
			b.Run("zipkingo", func(b *testing.B) { benchRPC(b, bufconnPair(b, zipkinGoServer(b, m), nil), ctx) })
			b.Run("otel", func(b *testing.B) { benchRPC(b, bufconnPair(b, otelServer(b, m), nil), ctx) })
			b.Run("floor", func(b *testing.B) { benchRPC(b, bufconnPair(b, nopHandler{}, nil), ctx) })
			b.Run("untraced", func(b *testing.B) { benchRPC(b, bufconnPair(b, nil, nil), ctx) })
		})
	}
}

// BenchmarkGRPCClient measures a client handler over bufconn, called from
// a context holding a parent span of the same library (the mode's root);
// the server is untraced.
func BenchmarkGRPCClient(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			b.Run("zipkingen", func(b *testing.B) {
				h, ctx := oursClient(b, m)
				benchRPC(b, bufconnPair(b, nil, h), ctx)
			})
			b.Run("zipkingo", func(b *testing.B) {
				h, ctx := zipkinGoClient(b, m)
				benchRPC(b, bufconnPair(b, nil, h), ctx)
			})
			b.Run("otel", func(b *testing.B) {
				h, ctx := otelClient(b, m)
				benchRPC(b, bufconnPair(b, nil, h), ctx)
			})
			b.Run("floor", func(b *testing.B) { benchRPC(b, bufconnPair(b, nil, nopHandler{}), context.Background()) })
			b.Run("untraced", func(b *testing.B) { benchRPC(b, bufconnPair(b, nil, nil), context.Background()) })
		})
	}
}

// serverEvents are the stats events gRPC gives a server handler for one
// unary RPC, made once (gRPC allocates them, for every handler alike).
type serverEvents struct {
	ctx  context.Context // the stream's context: peer and incoming metadata
	info *stats.RPCTagInfo
	rest []stats.RPCStats // after TagRPC, in gRPC's order
}

func newServerEvents(sampled string) serverEvents {
	md := metadata.Pairs(upstreamPairs(sampled)...)
	ctx := peer.NewContext(context.Background(), &peer.Peer{Addr: peerAddr})
	ctx = metadata.NewIncomingContext(ctx, md)
	const method = "/grpc.testing.TestService/EmptyCall"
	return serverEvents{ctx: ctx, info: &stats.RPCTagInfo{FullMethodName: method}, rest: []stats.RPCStats{
		&stats.InHeader{FullMethod: method, RemoteAddr: peerAddr, Header: md.Copy()},
		&stats.Begin{},
		&stats.InPayload{Length: 0},
		&stats.OutHeader{},
		&stats.OutPayload{Length: 0},
		&stats.OutTrailer{},
		&stats.End{},
	}}
}

// clientEvents are the events of one unary attempt on the client side.
func clientEvents() (*stats.RPCTagInfo, []stats.RPCStats) {
	const method = "/grpc.testing.TestService/EmptyCall"
	return &stats.RPCTagInfo{FullMethodName: method}, []stats.RPCStats{
		&stats.Begin{Client: true},
		&stats.OutHeader{Client: true, FullMethod: method, RemoteAddr: peerAddr},
		&stats.OutPayload{Client: true},
		&stats.InHeader{Client: true},
		&stats.InPayload{Client: true},
		&stats.InTrailer{Client: true},
		&stats.End{Client: true},
	}
}

func benchEvents(b *testing.B, h stats.Handler, ctx context.Context, info *stats.RPCTagInfo, rest []stats.RPCStats) {
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		rctx := h.TagRPC(ctx, info)
		for _, e := range rest {
			h.HandleRPC(rctx, e)
		}
	}
}

// BenchmarkGRPCServerHandler is BenchmarkGRPCServer without gRPC: the
// events of one RPC delivered to the handler directly, which isolates the
// handler's own cost from the connection's.
func BenchmarkGRPCServerHandler(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			ev := newServerEvents(m.sampled)
			b.Run("zipkingen", func(b *testing.B) { benchEvents(b, oursServer(b, m), ev.ctx, ev.info, ev.rest) })
			b.Run("zipkingo", func(b *testing.B) { benchEvents(b, zipkinGoServer(b, m), ev.ctx, ev.info, ev.rest) })
			b.Run("otel", func(b *testing.B) { benchEvents(b, otelServer(b, m), ev.ctx, ev.info, ev.rest) })
		})
	}
}

// BenchmarkGRPCClientHandler is BenchmarkGRPCClient without gRPC.
func BenchmarkGRPCClientHandler(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			info, rest := clientEvents()
			b.Run("zipkingen", func(b *testing.B) {
				h, ctx := oursClient(b, m)
				benchEvents(b, h, ctx, info, rest)
			})
			b.Run("zipkingo", func(b *testing.B) {
				h, ctx := zipkinGoClient(b, m)
				benchEvents(b, h, ctx, info, rest)
			})
			b.Run("otel", func(b *testing.B) {
				h, ctx := otelClient(b, m)
				benchEvents(b, h, ctx, info, rest)
			})
		})
	}
}
