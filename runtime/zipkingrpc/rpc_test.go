package zipkingrpc_test

import (
	"context"
	"io"
	"net/netip"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	testpb "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/status"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUnary(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{RemoteService: "backend"})
	ctx, parent := zipkintest.Parent(t)
	if _, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	cli, srv := checkTree(t, rec, parent, unaryName, "test.UnaryCall", "", 0)
	if cli.RemoteEndpoint.ServiceName != "backend" {
		t.Errorf("client remote endpoint %+v, want service backend", cli.RemoteEndpoint)
	}
	for _, s := range []zipkin.RecordedSpan{cli, srv} {
		zipkintest.NoTag(t, s, "error")
		zipkintest.NoTag(t, s, "grpc.status_code")
	}
}

func TestServerStreaming(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	ctx, parent := zipkintest.Parent(t)
	stream, err := r.client.StreamingOutputCall(ctx, &testpb.StreamingOutputCallRequest{
		ResponseParameters: []*testpb.ResponseParameters{{Size: 1}, {Size: 2}, {Size: 3}},
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("received %d messages, want 3", n)
	}
	checkTree(t, rec, parent, serverStream, "test.StreamingOutputCall", "test.send", 3)
}

func TestClientStreaming(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	ctx, parent := zipkintest.Parent(t)
	stream, err := r.client.StreamingInputCall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2; i++ {
		if err := stream.Send(&testpb.StreamingInputCallRequest{Payload: &testpb.Payload{Body: make([]byte, i)}}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		t.Fatal(err)
	}
	if resp.AggregatedPayloadSize != 3 {
		t.Fatalf("aggregated %d bytes, want 3", resp.AggregatedPayloadSize)
	}
	checkTree(t, rec, parent, clientStream, "test.StreamingInputCall", "test.recv", 3) // two messages and the EOF
}

func TestBidiStreaming(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	ctx, parent := zipkintest.Parent(t)
	stream, err := r.client.FullDuplexCall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
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
		t.Fatalf("Recv after CloseSend: %v, want EOF", err)
	}
	checkTree(t, rec, parent, bidiName, "test.FullDuplexCall", "test.echo", 4)
}

// The client span of a stream lasts as long as the stream: it ends when
// the stream does, not when the call that opened it returns.
func TestClientStreamSpanEndsWithTheStream(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	ctx, _ := zipkintest.Parent(t)
	stream, err := r.client.FullDuplexCall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&testpb.StreamingOutputCallRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	for _, s := range rec.Spans() {
		if s.Name == bidiName {
			t.Fatalf("span %q (%v) ended while its stream is open", s.Name, s.Kind)
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Fatalf("Recv: %v, want EOF", err)
	}
	cli := awaitKind(t, rec, bidiName, zipkin.Client)
	if cli.Duration < 20*time.Millisecond {
		t.Errorf("client span lasted %v, want the stream's life (over 20ms)", cli.Duration)
	}
}

func TestErrorCodes(t *testing.T) {
	for _, tc := range []struct {
		code    codes.Code
		msg     string
		isError zipkingrpc.ErrorRule
		want    string // error tag; "" for none
	}{
		{codes.InvalidArgument, "name is empty", nil, "name is empty"},
		{codes.Internal, "", nil, "INTERNAL"},
		{codes.NotFound, "no such item", func(c codes.Code, err error) bool { return c != codes.NotFound && zipkingrpc.DefaultIsError(c, err) }, ""},
		{codes.Unavailable, "down", func(c codes.Code, err error) bool { return c != codes.NotFound && zipkingrpc.DefaultIsError(c, err) }, "down"},
	} {
		t.Run(zipkingrpc.CodeName(tc.code), func(t *testing.T) {
			rec := zipkintest.Record(t)
			r := newBufRig(t, zipkingrpc.ServerOptions{IsError: tc.isError}, zipkingrpc.ClientOptions{IsError: tc.isError})
			ctx, parent := zipkintest.Parent(t)
			_, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{ResponseStatus: &testpb.EchoStatus{Code: int32(tc.code), Message: tc.msg}})
			if status.Code(err) != tc.code {
				t.Fatalf("got %v, want code %v", err, tc.code)
			}
			cli, srv := checkTree(t, rec, parent, unaryName, "test.UnaryCall", "", 0)
			for _, s := range []zipkin.RecordedSpan{cli, srv} {
				zipkintest.HasTag(t, s, "grpc.status_code", zipkingrpc.CodeName(tc.code))
				if tc.want == "" {
					zipkintest.NoTag(t, s, "error")
				} else {
					zipkintest.HasTag(t, s, "error", tc.want)
				}
			}
		})
	}
}

func TestStreamErrorCode(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	ctx, parent := zipkintest.Parent(t)
	stream, err := r.client.StreamingOutputCall(ctx, &testpb.StreamingOutputCallRequest{
		ResponseParameters: []*testpb.ResponseParameters{{Size: 1}},
		ResponseStatus:     &testpb.EchoStatus{Code: int32(codes.ResourceExhausted), Message: "quota"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for err == nil {
		_, err = stream.Recv()
	}
	if status.Code(err) != codes.ResourceExhausted {
		t.Fatalf("stream ended with %v, want RESOURCE_EXHAUSTED", err)
	}
	cli, srv := checkTree(t, rec, parent, serverStream, "test.StreamingOutputCall", "test.send", 1)
	for _, s := range []zipkin.RecordedSpan{cli, srv} {
		zipkintest.HasTag(t, s, "grpc.status_code", "RESOURCE_EXHAUSTED")
		zipkintest.HasTag(t, s, "error", "quota")
	}
}

// A stream the client cancels ends both spans, CANCELLED, and the server
// method sees its context done.
func TestCancelledStream(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	parentCtx, parent := zipkintest.Parent(t)
	ctx, cancel := context.WithCancel(parentCtx)
	stream, err := r.client.StreamingOutputCall(ctx, &testpb.StreamingOutputCallRequest{
		ResponseParameters: []*testpb.ResponseParameters{{Size: 1}, {IntervalUs: -1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != nil {
		t.Fatal(err)
	}
	cancel() // and never read again: the span must end all the same
	cli, srv := checkTree(t, rec, parent, serverStream, "test.StreamingOutputCall", "test.send", 1)
	zipkintest.HasTag(t, cli, "grpc.status_code", "CANCELLED")
	zipkintest.HasTag(t, srv, "grpc.status_code", "CANCELLED")
}

func TestDeadlineExceeded(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	parentCtx, parent := zipkintest.Parent(t)
	ctx, cancel := context.WithTimeout(parentCtx, 50*time.Millisecond)
	defer cancel()
	_, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{FillUsername: true})
	if status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("got %v, want DEADLINE_EXCEEDED", err)
	}
	cli, srv := checkTree(t, rec, parent, unaryName, "test.UnaryCall", "", 0)
	zipkintest.HasTag(t, cli, "grpc.status_code", "DEADLINE_EXCEEDED")
	// The server's context ends at the deadline it was sent, or earlier
	// when the client's cancellation arrives first.
	if got := srv.Tags["grpc.status_code"]; got != "DEADLINE_EXCEEDED" && got != "CANCELLED" {
		t.Errorf("server span: grpc.status_code %q, want DEADLINE_EXCEEDED or CANCELLED", got)
	}
}

// Over TCP on 127.0.0.1 each side's remote endpoint is the other's
// address.
func TestTCPEndpoints(t *testing.T) {
	rec := zipkintest.Record(t)
	r, addr := newTCPRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{RemoteService: "backend"})
	ctx, parent := zipkintest.Parent(t)
	if _, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	cli, srv := checkTree(t, rec, parent, unaryName, "test.UnaryCall", "", 0)
	loopback := netip.MustParseAddr("127.0.0.1")
	want := zipkin.Endpoint{ServiceName: "backend", Addr: loopback, Port: uint16(addr.Port)}
	if cli.RemoteEndpoint != want {
		t.Errorf("client remote endpoint %+v, want %+v", cli.RemoteEndpoint, want)
	}
	if srv.RemoteEndpoint.Addr != loopback || srv.RemoteEndpoint.Port == 0 || srv.RemoteEndpoint.Port == uint16(addr.Port) {
		t.Errorf("server remote endpoint %+v, want the client's 127.0.0.1 port", srv.RemoteEndpoint)
	}
}

func TestSkipMethods(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{SkipMethods: append(zipkingrpc.HealthAndReflection(), "/"+emptyCallName)},
		zipkingrpc.ClientOptions{SkipMethods: zipkingrpc.HealthAndReflection()})
	ctx, parent := zipkintest.Parent(t)
	if _, err := r.health.Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.client.EmptyCall(ctx, &testpb.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.client.UnaryCall(ctx, &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	checkTree(t, rec, parent, unaryName, "test.UnaryCall", "", 0)
	for _, s := range rec.Spans() {
		if s.Name == "grpc.health.v1.Health/Check" || (s.Name == emptyCallName && s.Kind == zipkin.Server) {
			t.Errorf("skipped method traced: %q %v", s.Name, s.Kind)
		}
	}
	awaitKind(t, rec, emptyCallName, zipkin.Client) // skipped by the server only
}

func TestSpanName(t *testing.T) {
	rec := zipkintest.Record(t)
	upper := func(m string) string { return "rpc " + m }
	r := newBufRig(t, zipkingrpc.ServerOptions{SpanName: upper}, zipkingrpc.ClientOptions{SpanName: upper})
	if _, err := r.client.UnaryCall(testContext(t), &testpb.SimpleRequest{}); err != nil {
		t.Fatal(err)
	}
	awaitKind(t, rec, "rpc "+unaryName, zipkin.Client)
	awaitKind(t, rec, "rpc "+unaryName, zipkin.Server)
}

// The server span ends with its RPC even when a span started from the
// stream is still the slot's current one: the handler ends its own span,
// never whatever the context carries.
func TestServerSpanEndsDespiteOpenStreamSpan(t *testing.T) {
	rec := zipkintest.Record(t)
	r := newBufRig(t, zipkingrpc.ServerOptions{}, zipkingrpc.ClientOptions{})
	r.svc.release = make(chan struct{})
	ctx, parent := zipkintest.Parent(t)
	stream, err := r.client.HalfDuplexCall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Fatalf("Recv: %v, want EOF", err)
	}
	const name = "grpc.testing.TestService/HalfDuplexCall"
	srv := awaitKind(t, rec, name, zipkin.Server)
	zipkintest.ChildOfSpan(t, srv, awaitKind(t, rec, name, zipkin.Client))
	for _, s := range rec.Spans() {
		if s.Name == "test.background" {
			t.Fatal("the background span was ended by the handler")
		}
	}
	close(r.svc.release)
	zipkintest.ChildOfSpan(t, zipkintest.Await(t, rec, "test.background"), srv)
	_ = parent
}
