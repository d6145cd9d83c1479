package grpcbench

import (
	"context"
	"testing"

	zipkingo "github.com/openzipkin/zipkin-go"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/stats"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestModesRecordAsClaimed guards the fairness of the benchmarks: in each
// mode, every library's server span and client span is recording exactly
// when the mode says so, once the handler has had the events gRPC
// delivers before the method runs (zipkingen's server span starts on
// InHeader).
func TestModesRecordAsClaimed(t *testing.T) {
	recording := map[string]func(context.Context) bool{
		"zipkingen": func(ctx context.Context) bool { return zipkin.SpanFromContext(ctx) != nil },
		"zipkingo":  func(ctx context.Context) bool { return !zipkingo.IsNoop(zipkingo.SpanFromContext(ctx)) },
		"otel":      func(ctx context.Context) bool { return trace.SpanFromContext(ctx).IsRecording() },
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			want := m.name == "sampled"
			ev := newServerEvents(m.sampled)
			servers := map[string]stats.Handler{"zipkingen": oursServer(t, m), "zipkingo": zipkinGoServer(t, m), "otel": otelServer(t, m)}
			for lib, h := range servers {
				ctx := h.TagRPC(ev.ctx, ev.info)
				h.HandleRPC(ctx, ev.rest[0]) // InHeader
				if got := recording[lib](ctx); got != want {
					t.Errorf("%s server span recording = %v, want %v", lib, got, want)
				}
			}
			info, _ := clientEvents()
			clients := map[string]func(testing.TB, mode) (stats.Handler, context.Context){"zipkingen": oursClient, "zipkingo": zipkinGoClient, "otel": otelClient}
			for lib, mk := range clients {
				h, parent := mk(t, m)
				if got := recording[lib](h.TagRPC(parent, info)); got != want {
					t.Errorf("%s client span recording = %v, want %v", lib, got, want)
				}
			}
		})
	}
}
