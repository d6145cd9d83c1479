// Package grpcbench measures the per-RPC cost of zipkingen's gRPC stats
// handlers (runtime/zipkingrpc) side by side with zipkin-go's
// middleware/grpc and OpenTelemetry's otelgrpc, sampled, unsampled and
// disabled, over a real gRPC connection on bufconn and, to isolate the
// handlers from gRPC's own cost, on the events alone.
//
// It is a module of its own, beside bench/, because otelgrpc needs a newer
// OpenTelemetry SDK than the one bench/ measures; the tracer settings of
// each mode are those of bench/workload_test.go.
package grpcbench
