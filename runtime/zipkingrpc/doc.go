// Package zipkingrpc traces gRPC servers and clients with Zipkin: stats
// handlers that record a SERVER span per incoming RPC and a CLIENT span per
// outgoing one, and carry the trace in the RPC's metadata in every format
// the runtime reads (B3 multi, b3, traceparent, uber-trace-id). It is a
// module of its own, so that the runtime stays standard-library only:
//
//	srv := grpc.NewServer(grpc.StatsHandler(zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{})))
//	conn, err := grpc.NewClient(addr, grpc.WithStatsHandler(zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{})))
//
// The server span is a child of the caller's span, as zipkinhttp's is, and
// the RPC's context (a unary method's ctx, a stream's Context()) carries
// it. A stream's Context() also holds a span slot (zipkin.WithSpanSlot):
// while a traced stream method's span runs (generated code starts it with
// zipkin.StartFrom(stream, ...)), stream.Context() carries that span, so
// what the method starts from stream.Context() is its child.
package zipkingrpc
