package interop

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	zgo "github.com/openzipkin/zipkin-go"
	zgogrpc "github.com/openzipkin/zipkin-go/middleware/grpc"
	"github.com/openzipkin/zipkin-go/model"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	testpb "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/stats"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
)

// The methods by the span names zipkingen gives them; zipkin-go's names
// replace the slash with a dot (theirName).
const (
	unaryMethod = "grpc.testing.TestService/UnaryCall"
	bidiMethod  = "grpc.testing.TestService/FullDuplexCall"
)

func theirName(method string) string { return strings.ReplaceAll(method, "/", ".") }

// echoService answers unary calls and echoes every message of a bidi
// stream.
type echoService struct {
	testpb.UnimplementedTestServiceServer
}

func (echoService) UnaryCall(context.Context, *testpb.SimpleRequest) (*testpb.SimpleResponse, error) {
	return &testpb.SimpleResponse{}, nil
}

func (echoService) FullDuplexCall(stream grpc.BidiStreamingServer[testpb.StreamingOutputCallRequest, testpb.StreamingOutputCallResponse]) error {
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := stream.Send(&testpb.StreamingOutputCallResponse{Payload: req.Payload}); err != nil {
			return err
		}
	}
}

// grpcPair serves the echo service on 127.0.0.1 behind server and returns
// a client traced by client.
func grpcPair(t *testing.T, server, client stats.Handler) testpb.TestServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.StatsHandler(server))
	testpb.RegisterTestServiceServer(srv, echoService{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithStatsHandler(client))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return testpb.NewTestServiceClient(conn)
}

// callBoth makes a unary call and a two-message bidi stream.
func callBoth(t *testing.T, ctx context.Context, c testpb.TestServiceClient) {
	t.Helper()
	if _, err := c.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	stream, err := c.FullDuplexCall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
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
		t.Fatalf("stream ended with %v, want EOF", err)
	}
}

// waitTheirsNamed waits for n spans from zipkin-go and returns them by name.
func waitTheirsNamed(t *testing.T, flush func() []model.SpanModel, n int) map[string]model.SpanModel {
	t.Helper()
	got := map[string]model.SpanModel{}
	waitFor(t, func() bool {
		for _, s := range flush() {
			got[s.Name] = s
		}
		return len(got) >= n
	})
	return got
}

// TestOurGRPCClientTheirGRPCServer: zipkingen's client handler calls a
// server behind zipkin-go's middleware/grpc, unary and streaming. zipkin-go
// joins our client span (sharing its ID by default, as a child without
// shared spans) and honours our sampling decision.
func TestOurGRPCClientTheirGRPCServer(t *testing.T) {
	for _, shared := range []bool{true, false} {
		ours, ourRec := ourTracer(t, "b3")
		theirs, theirRec := theirTracer(t, zgo.WithSharedSpans(shared))
		c := grpcPair(t, zgogrpc.NewServerHandler(theirs), zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{Tracer: ours}))
		ctx, root := ours.Start(context.Background(), "caller")
		callBoth(t, ctx, c)
		root.End(nil)

		servers := waitTheirsNamed(t, theirRec.Flush, 2)
		clients := map[string]zipkin.RecordedSpan{}
		for _, s := range waitOurs(t, ourRec, 3) {
			clients[s.Name] = s
		}
		for _, m := range []string{unaryMethod, bidiMethod} {
			server, client := servers[theirName(m)], clients[m]
			if client.Kind != zipkin.Client || uint64(client.ParentID) != uint64(root.Context().ID) {
				t.Fatalf("shared=%v %s: our client span %+v is not the caller's child", shared, m, client)
			}
			if !sameTrace(client.TraceID, server.TraceID) || server.Kind != model.Server {
				t.Fatalf("shared=%v %s: their server span %+v is not in our trace %v", shared, m, server, client.TraceID)
			}
			if shared {
				if uint64(server.ID) != uint64(client.ID) || !server.Shared {
					t.Errorf("%s: shared server span %v (shared %v), want our client span's ID %v", m, server.ID, server.Shared, client.ID)
				}
			} else if server.ParentID == nil || uint64(*server.ParentID) != uint64(client.ID) {
				t.Errorf("%s: their server span's parent %v, want our client span %v", m, server.ParentID, client.ID)
			}
			if server.Sampled == nil || !*server.Sampled {
				t.Errorf("%s: zipkin-go did not honour our sampling decision: %v", m, server.Sampled)
			}
		}
	}
}

// TestTheirGRPCClientOurGRPCServer: zipkin-go's client handler calls our
// server handler, unary and streaming, with 64-bit and 128-bit trace IDs,
// which travel unchanged; our server spans are children of their client
// spans.
func TestTheirGRPCClientOurGRPCServer(t *testing.T) {
	for _, wide := range []bool{false, true} {
		ours, ourRec := ourTracer(t, "")
		theirs, theirRec := theirTracer(t, zgo.WithTraceID128Bit(wide))
		c := grpcPair(t, zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{Tracer: ours}), zgogrpc.NewClientHandler(theirs))
		parent := theirs.StartSpan("their-caller")
		callBoth(t, zgo.NewContext(context.Background(), parent), c)
		parent.Finish()
		clients := waitTheirsNamed(t, theirRec.Flush, 3)
		servers := map[string]zipkin.RecordedSpan{}
		for _, s := range waitOurs(t, ourRec, 2) {
			servers[s.Name] = s
		}
		for _, m := range []string{unaryMethod, bidiMethod} {
			server, client := servers[m], clients[theirName(m)]
			if client.ParentID == nil || *client.ParentID != parent.Context().ID {
				t.Fatalf("128-bit=%v %s: their client span %+v is not their caller's child", wide, m, client)
			}
			if !sameTrace(server.TraceID, client.TraceID) || uint64(server.ParentID) != uint64(client.ID) {
				t.Errorf("128-bit=%v %s: our server span trace %v parent %v; their client span trace %v id %v",
					wide, m, server.TraceID, server.ParentID, client.TraceID, client.ID)
			}
			if server.TraceID.Is128() != wide || server.Kind != zipkin.Server {
				t.Errorf("128-bit=%v %s: our server span %+v", wide, m, server)
			}
		}
	}
}

// TestTheirUnsampledGRPCDecisionIsHonoured: a trace zipkin-go decided not
// to sample is not recorded by our server either.
func TestTheirUnsampledGRPCDecisionIsHonoured(t *testing.T) {
	ours, ourRec := ourTracer(t, "")
	theirs, _ := theirTracer(t, zgo.WithSampler(zgo.NeverSample))
	c := grpcPair(t, zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{Tracer: ours}), zgogrpc.NewClientHandler(theirs))
	parent := theirs.StartSpan("their-caller")
	callBoth(t, zgo.NewContext(context.Background(), parent), c)
	if n := len(ourRec.Spans()); n != 0 {
		t.Errorf("recorded %d spans of a trace zipkin-go denied", n)
	}
}

// waitFor polls cond for up to 10 s: a server span ends after the client
// has its answer.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("timed out")
}
