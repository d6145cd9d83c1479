// Package grpcclient is a client of grpcsvc, instrumented with -all: the
// functions with a context parameter are traced, a function taking a
// client stream is not (its Context() commits the retry attempt, and -all
// calls no method the code does not call), nor one that only derives a
// context.
package grpcclient

//go:generate go tool zipkingen -all

import (
	"context"
	"errors"
	"io"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/zipkingen/zipkingen/frameworks/grpcsvc"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// GetFeature calls the unary method.
func GetFeature(ctx context.Context, cc grpc.ClientConnInterface, n int32) (_ string, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "grpcclient.GetFeature") //zipkin:generated results
	defer span.End(&zipkinErr)                              //zipkin:generated
	out := new(wrapperspb.StringValue)
	if err := cc.Invoke(ctx, grpcsvc.GetFeatureMethod, wrapperspb.Int32(n), out); err != nil {
		return "", err
	}
	return out.GetValue(), nil
}

// ListFeatures opens the server stream.
func ListFeatures(ctx context.Context, cc grpc.ClientConnInterface, n int32) (_ grpc.ServerStreamingClient[wrapperspb.StringValue], zipkinErr error) {
	_, span := zipkin.Start(ctx, "grpcclient.ListFeatures") //zipkin:generated results
	defer span.End(&zipkinErr)                              //zipkin:generated
	s, err := cc.NewStream(ctx, &grpcsvc.ServiceDesc.Streams[0], grpcsvc.ListFeaturesMethod)
	if err != nil {
		return nil, err
	}
	x := &grpc.GenericClientStream[wrapperspb.Int32Value, wrapperspb.StringValue]{ClientStream: s}
	if err := x.SendMsg(wrapperspb.Int32(n)); err != nil {
		return nil, err
	}
	if err := x.CloseSend(); err != nil {
		return nil, err
	}
	return x, nil
}

// Drain reads a stream to its end.
func Drain(stream grpc.ServerStreamingClient[wrapperspb.StringValue]) ([]string, error) {
	var out []string
	for {
		m, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, m.GetValue())
	}
}

// WithDeadline only derives a context.
func WithDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}
