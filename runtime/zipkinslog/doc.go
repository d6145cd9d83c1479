// Package zipkinslog connects log/slog to Zipkin traces: a handler that
// stamps each record with the trace and span IDs from its context, so logs
// and traces can be joined, and that can mirror records as span
// annotations, as eventlet.zipkin's trace_app_log does.
//
// It wraps any slog.Handler; the IDs are top-level attributes even inside
// WithGroup, so that log queries find them in one place.
package zipkinslog
