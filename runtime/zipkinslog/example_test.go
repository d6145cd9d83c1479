package zipkinslog_test

import (
	"context"
	"log/slog"
	"os"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinslog"
)

// Records logged with a traced context carry its IDs.
func ExampleNewHandler() {
	h := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // keep the example's output stable
			}
			return a
		},
	})
	logger := slog.New(zipkinslog.NewHandler(h, zipkinslog.Options{AnnotateLevel: slog.LevelWarn}))

	ctx := zipkin.ContextWithSpanContext(context.Background(), zipkin.SpanContext{
		TraceID: zipkin.TraceID{High: 0x463ac35c9f6413ad, Low: 0x48485a3953bb6124},
		ID:      0xa2fb4a1d1a96d312,
	})
	logger.InfoContext(ctx, "order placed", "items", 3)
	// Output:
	// {"level":"INFO","msg":"order placed","trace_id":"463ac35c9f6413ad48485a3953bb6124","span_id":"a2fb4a1d1a96d312","items":3}
}
