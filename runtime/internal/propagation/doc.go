// Package propagation parses and formats the trace-context headers that
// zipkingen reads and writes: B3 (multi-header and single "b3"), W3C
// traceparent/tracestate and Jaeger's uber-trace-id.
//
// It works on plain values so that package zipkin can wrap it without an
// import cycle, and so that the parsers can be fuzzed in isolation. The
// parsers check lengths before anything else, never panic and do not
// allocate for well-formed input.
package propagation
