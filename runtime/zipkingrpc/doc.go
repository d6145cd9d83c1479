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
//
// With tracing disabled, or for a skipped method, the handlers allocate
// nothing beyond what gRPC allocates for any stats handler. An unsampled
// RPC still carries its decision, which costs a little, for reasons of
// gRPC's API:
//
//   - Server, 1 allocation. The method's context must carry the decision,
//     and it is the context TagRPC returns; but TagRPC runs before the
//     stats.InHeader event brings the metadata (reading it in TagRPC would
//     copy it, costing more), so TagRPC returns a node of its own for
//     every traced RPC, and the decision is written into it
//     (zipkin.Tracer.StartIn) once InHeader has the metadata. gRPC asks
//     for the context before the decision can be known, and a context
//     cannot be changed once returned: so one node per RPC it is.
//   - Client, 5 allocations. The only way to add outgoing metadata is
//     metadata.AppendToOutgoingContext or NewOutgoingContext, and each
//     wraps the context with context.WithValue and boxes gRPC's metadata
//     value into it (2); AppendToOutgoingContext copies the keys and
//     values and the list of appended slices (2), which still costs less
//     than the map and value slices NewOutgoingContext needs (3). The
//     values themselves, the trace and span IDs in hex that let logs
//     follow an unsampled trace across services, share one string (1): a
//     static value such as "b3: 0" would drop them, and traceparent and
//     uber-trace-id cannot carry a decision without them.
//     A client that starts the trace itself, and does not sample it, pays
//     one more: the runtime's node for the new trace's decision, which the
//     attempt's context carries as a sampled attempt's carries its span.
package zipkingrpc
