package zipkingrpc_test

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	testpb "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// The methods of grpc's own test service (interop/grpc_testing), as their
// full names and as the span names the handlers give them.
const (
	unaryName     = "grpc.testing.TestService/UnaryCall"
	serverStream  = "grpc.testing.TestService/StreamingOutputCall"
	clientStream  = "grpc.testing.TestService/StreamingInputCall"
	bidiName      = "grpc.testing.TestService/FullDuplexCall"
	emptyCallName = "grpc.testing.TestService/EmptyCall"
)

// testService implements grpc's test service the way a traced service
// does: each method starts its own span as generated code would
// (zipkin.Start from ctx for unary methods, zipkin.StartFrom(stream) for
// stream methods), and starts a child span per message from the context it
// has, so that the tests can check every level of the tree.
type testService struct {
	testpb.UnimplementedTestServiceServer
	// seen receives what each method found in its context, for the tests
	// of unsampled traces.
	seen chan zipkin.SpanContext
	// md receives the incoming metadata of each EmptyCall.
	md chan metadata.MD
	// onward, when set, is called by UnaryCall with its span's context.
	onward func(context.Context) error
	// release ends HalfDuplexCall's background span.
	release chan struct{}
}

func (s *testService) note(ctx context.Context) {
	if s.seen != nil {
		sc, _ := zipkin.SpanContextFromContext(ctx)
		s.seen <- sc
	}
}

func (s *testService) EmptyCall(ctx context.Context, _ *testpb.Empty) (*testpb.Empty, error) {
	s.note(ctx)
	if s.md != nil {
		md, _ := metadata.FromIncomingContext(ctx)
		s.md <- md
	}
	return &testpb.Empty{}, nil
}

func (s *testService) UnaryCall(ctx context.Context, req *testpb.SimpleRequest) (_ *testpb.SimpleResponse, err error) {
	ctx, span := zipkin.Start(ctx, "test.UnaryCall")
	defer span.End(&err)
	s.note(ctx)
	if s.onward != nil {
		if err := s.onward(ctx); err != nil {
			return nil, err
		}
	}
	if req.FillUsername { // "wait for the deadline"
		<-ctx.Done()
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	if st := req.ResponseStatus; st != nil && st.Code != 0 {
		return nil, status.Error(codes.Code(st.Code), st.Message)
	}
	return &testpb.SimpleResponse{Payload: req.Payload}, nil
}

func (s *testService) StreamingOutputCall(req *testpb.StreamingOutputCallRequest, stream grpc.ServerStreamingServer[testpb.StreamingOutputCallResponse]) (err error) {
	_, span := zipkin.StartFrom(stream, "test.StreamingOutputCall")
	defer span.End(&err)
	for _, p := range req.ResponseParameters {
		if p.IntervalUs < 0 { // "block until cancelled"
			<-stream.Context().Done()
			return stream.Context().Err()
		}
		_, child := zipkin.Start(stream.Context(), "test.send")
		err := stream.Send(&testpb.StreamingOutputCallResponse{Payload: &testpb.Payload{Body: make([]byte, p.Size)}})
		child.End(&err)
		if err != nil {
			return err
		}
	}
	if st := req.ResponseStatus; st != nil && st.Code != 0 {
		return status.Error(codes.Code(st.Code), st.Message)
	}
	return nil
}

func (s *testService) StreamingInputCall(stream grpc.ClientStreamingServer[testpb.StreamingInputCallRequest, testpb.StreamingInputCallResponse]) (err error) {
	_, span := zipkin.StartFrom(stream, "test.StreamingInputCall")
	defer span.End(&err)
	total := 0
	for {
		_, child := zipkin.Start(stream.Context(), "test.recv")
		req, err := stream.Recv()
		child.End(nil)
		if err == io.EOF {
			return stream.SendAndClose(&testpb.StreamingInputCallResponse{AggregatedPayloadSize: int32(total)})
		}
		if err != nil {
			return err
		}
		total += len(req.GetPayload().GetBody())
	}
}

func (s *testService) FullDuplexCall(stream grpc.BidiStreamingServer[testpb.StreamingOutputCallRequest, testpb.StreamingOutputCallResponse]) (err error) {
	_, span := zipkin.StartFrom(stream, "test.FullDuplexCall")
	defer span.End(&err)
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if st := req.ResponseStatus; st != nil && st.Code != 0 {
			return status.Error(codes.Code(st.Code), st.Message)
		}
		_, child := zipkin.Start(stream.Context(), "test.echo")
		err = stream.Send(&testpb.StreamingOutputCallResponse{Payload: req.Payload})
		child.End(&err)
		if err != nil {
			return err
		}
	}
}

// rig is a real gRPC server and client on one connection, traced by the
// handlers under test.
type rig struct {
	client testpb.TestServiceClient
	health healthpb.HealthClient
	conn   *grpc.ClientConn
	svc    *testService
}

// newBufRig serves over an in-memory listener (bufconn).
func newBufRig(t *testing.T, so zipkingrpc.ServerOptions, co zipkingrpc.ClientOptions) *rig {
	t.Helper()
	lis := bufconn.Listen(1 << 20)
	dial := grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) })
	return newRig(t, lis, "passthrough:///bufconn", so, co, dial)
}

// newTCPRig serves on 127.0.0.1.
func newTCPRig(t *testing.T, so zipkingrpc.ServerOptions, co zipkingrpc.ClientOptions) (*rig, *net.TCPAddr) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return newRig(t, lis, lis.Addr().String(), so, co), lis.Addr().(*net.TCPAddr)
}

func newRig(t *testing.T, lis net.Listener, target string, so zipkingrpc.ServerOptions, co zipkingrpc.ClientOptions, dial ...grpc.DialOption) *rig {
	t.Helper()
	srv := grpc.NewServer(grpc.StatsHandler(zipkingrpc.NewServerHandler(so)))
	svc := &testService{}
	testpb.RegisterTestServiceServer(srv, svc)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	opts := append([]grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(zipkingrpc.NewClientHandler(co)),
	}, dial...)
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &rig{client: testpb.NewTestServiceClient(conn), health: healthpb.NewHealthClient(conn), conn: conn, svc: svc}
}

// awaitKind waits up to 10 s for the one span called name of the given
// kind (a method's client and server spans share its name): a server span
// ends on the server's goroutine, after the client may have its answer.
func awaitKind(t *testing.T, rec *zipkin.Recorder, name string, kind zipkin.Kind) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(time.Millisecond) {
		found = found[:0]
		for _, s := range rec.Spans() {
			if s.Name == name && s.Kind == kind {
				found = append(found, s)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	if len(found) != 1 {
		var all []string
		for _, s := range rec.Spans() {
			all = append(all, s.Name+"/"+s.Kind.String())
		}
		t.Fatalf("%d spans %q of kind %v, want 1; recorded %q", len(found), name, kind, all)
	}
	return found[0]
}

// checkTree checks the spans of one RPC, level by level: the caller's
// span, the CLIENT span, the SERVER span, the method's span, and each
// child the method started from its context.
func checkTree(t *testing.T, rec *zipkin.Recorder, parent zipkin.SpanContext, method, methodSpan, childName string, children int) (cli, srv zipkin.RecordedSpan) {
	t.Helper()
	cli = awaitKind(t, rec, method, zipkin.Client)
	srv = awaitKind(t, rec, method, zipkin.Server)
	zipkintest.ChildOf(t, cli, parent)
	zipkintest.ChildOfSpan(t, srv, cli)
	if srv.Shared || srv.ID == cli.ID {
		t.Errorf("server span shares the client's ID %v: want a child", cli.ID)
	}
	m := zipkintest.Await(t, rec, methodSpan)
	zipkintest.ChildOfSpan(t, m, srv)
	n := 0
	for _, s := range rec.Spans() {
		if s.Name == childName {
			zipkintest.ChildOfSpan(t, s, m)
			n++
		}
	}
	if n != children {
		t.Errorf("%d spans %q, want %d", n, childName, children)
	}
	return cli, srv
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// HalfDuplexCall leaves a span started from the stream running after the
// method returned (a background goroutine's), until release is closed:
// while it runs, the slotted context carries it as the current span.
func (s *testService) HalfDuplexCall(stream grpc.BidiStreamingServer[testpb.StreamingOutputCallRequest, testpb.StreamingOutputCallResponse]) error {
	started := make(chan struct{})
	go func() {
		_, span := zipkin.StartFrom(stream, "test.background")
		close(started)
		<-s.release
		span.End(nil)
	}()
	<-started
	return nil
}
