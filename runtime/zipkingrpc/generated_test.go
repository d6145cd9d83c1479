package zipkingrpc_test

import (
	"context"
	"io"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	testpb "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/test/bufconn"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc/internal/streamtest"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// A stream method instrumented by zipkingen itself (internal/streamtest):
// its span, started with zipkin.StartFrom(stream, ...), is the server
// span's child, and what it starts from stream.Context() is its own.
func TestGeneratedStreamMethod(t *testing.T) {
	rec := zipkintest.Record(t)
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer(grpc.StatsHandler(zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{})))
	testpb.RegisterTestServiceServer(srv, streamtest.Service{})
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	conn, err := grpc.NewClient("passthrough:///bufconn", grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithStatsHandler(zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, parent := zipkintest.Parent(t)
	stream, err := testpb.NewTestServiceClient(conn).FullDuplexCall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := stream.Send(&testpb.StreamingOutputCallRequest{}); err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Fatalf("Recv: %v, want EOF", err)
	}
	cli := awaitKind(t, rec, bidiName, zipkin.Client)
	srvSpan := awaitKind(t, rec, bidiName, zipkin.Server)
	zipkintest.ChildOf(t, cli, parent)
	zipkintest.ChildOfSpan(t, srvSpan, cli)
	method := zipkintest.Await(t, rec, "streamtest.Service.FullDuplexCall")
	zipkintest.ChildOfSpan(t, method, srvSpan)
	n := 0
	for _, s := range rec.Spans() {
		if s.Name == "streamtest.reply" {
			zipkintest.ChildOfSpan(t, s, method)
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d streamtest.reply spans, want 3", n)
	}
}
