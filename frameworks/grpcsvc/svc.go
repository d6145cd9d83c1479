// Package grpcsvc is a gRPC service shaped like route_guide, with the
// service description written as protoc-gen-go-grpc writes it (messages
// from protobuf's well-known wrappers, so no generated stubs are needed).
package grpcsvc

//go:generate go tool zipkingen

import (
	"context"
	"strconv"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/zipkingen/zipkingen/frameworks/store"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Full method names.
const (
	GetFeatureMethod   = "/routeguide.RouteGuide/GetFeature"
	ListFeaturesMethod = "/routeguide.RouteGuide/ListFeatures"
)

// RouteGuideServer is the service's interface.
type RouteGuideServer interface {
	GetFeature(context.Context, *wrapperspb.Int32Value) (*wrapperspb.StringValue, error)
	ListFeatures(*wrapperspb.Int32Value, grpc.ServerStreamingServer[wrapperspb.StringValue]) error
}

// Guide implements RouteGuideServer.
type Guide struct{}

// GetFeature is unary: its context is its first parameter.
//
//zipkin:trace kind=server
func (Guide) GetFeature(ctx context.Context, in *wrapperspb.Int32Value) (_ *wrapperspb.StringValue, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "grpcsvc.Guide.GetFeature") //zipkin:generated results
	defer span.End(&zipkinErr)                                 //zipkin:generated
	span.SetKind(zipkin.Server)                                //zipkin:generated
	name, err := store.Get(ctx, strconv.Itoa(int(in.GetValue())))
	if err != nil {
		return nil, err
	}
	return wrapperspb.String(name), nil
}

// ListFeatures is server-streaming: its context comes only from
// stream.Context(), where a span slot makes store.Get its child.
//
//zipkin:trace kind=server
func (Guide) ListFeatures(in *wrapperspb.Int32Value, stream grpc.ServerStreamingServer[wrapperspb.StringValue]) (zipkinErr error) {
	_, span := zipkin.StartFrom(stream, "grpcsvc.Guide.ListFeatures") //zipkin:generated results
	defer span.End(&zipkinErr)                                        //zipkin:generated
	span.SetKind(zipkin.Server)                                       //zipkin:generated
	for i := range int(in.GetValue()) {
		name, err := store.Get(stream.Context(), strconv.Itoa(i))
		if err != nil {
			return err
		}
		if err := stream.Send(wrapperspb.String(name)); err != nil {
			return err
		}
	}
	return nil
}

// ServiceDesc is what protoc-gen-go-grpc would generate.
var ServiceDesc = grpc.ServiceDesc{
	ServiceName: "routeguide.RouteGuide",
	HandlerType: (*RouteGuideServer)(nil),
	Methods:     []grpc.MethodDesc{{MethodName: "GetFeature", Handler: getFeatureHandler}},
	Streams:     []grpc.StreamDesc{{StreamName: "ListFeatures", Handler: listFeaturesHandler, ServerStreams: true}},
}

func getFeatureHandler(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
	in := new(wrapperspb.Int32Value)
	if err := dec(in); err != nil {
		return nil, err
	}
	if interceptor == nil {
		return srv.(RouteGuideServer).GetFeature(ctx, in)
	}
	info := &grpc.UnaryServerInfo{Server: srv, FullMethod: GetFeatureMethod}
	return interceptor(ctx, in, info, func(ctx context.Context, req any) (any, error) {
		return srv.(RouteGuideServer).GetFeature(ctx, req.(*wrapperspb.Int32Value))
	})
}

func listFeaturesHandler(srv any, stream grpc.ServerStream) error {
	in := new(wrapperspb.Int32Value)
	if err := stream.RecvMsg(in); err != nil {
		return err
	}
	return srv.(RouteGuideServer).ListFeatures(in, &grpc.GenericServerStream[wrapperspb.Int32Value, wrapperspb.StringValue]{ServerStream: stream})
}
