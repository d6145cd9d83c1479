// Package streamtest is a gRPC stream method as a user writes it, marked
// with //zipkin:trace and instrumented by zipkingen (the generated lines
// are committed, as users commit theirs): zipkingrpc's tests check that
// the spans it starts nest under the server span. After editing, run
// `zipkingen ./internal/streamtest` in runtime/zipkingrpc (make build puts
// zipkingen in .tools/bin).
package streamtest

import (
	"context"
	"io"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"google.golang.org/grpc"
	testpb "google.golang.org/grpc/interop/grpc_testing"
)

// Service answers grpc's test service's FullDuplexCall.
type Service struct {
	testpb.UnimplementedTestServiceServer
}

// FullDuplexCall echoes every message. Its only context source is the
// stream, so the span starts from it (zipkin.StartFrom); reply, traced too,
// starts from stream.Context() and must be this span's child.
//
//zipkin:trace
func (Service) FullDuplexCall(stream grpc.BidiStreamingServer[testpb.StreamingOutputCallRequest, testpb.StreamingOutputCallResponse]) (zipkinErr error) {
	_, span := zipkin.StartFrom(stream, "streamtest.Service.FullDuplexCall") //zipkin:generated results
	defer span.End(&zipkinErr)                                               //zipkin:generated
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := reply(stream.Context(), stream, req); err != nil {
			return err
		}
	}
}

//zipkin:trace
func reply(ctx context.Context, stream grpc.BidiStreamingServer[testpb.StreamingOutputCallRequest, testpb.StreamingOutputCallResponse], req *testpb.StreamingOutputCallRequest) (err error) {
	_, span := zipkin.Start(ctx, "streamtest.reply") //zipkin:generated results
	defer span.End(&err)                             //zipkin:generated
	return stream.Send(&testpb.StreamingOutputCallResponse{Payload: req.Payload})
}
