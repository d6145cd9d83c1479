// Package zipkinhttp traces net/http servers and clients with Zipkin: a
// middleware that records a SERVER span per request, named from the
// ServeMux route pattern, and a RoundTripper that records a CLIENT span per
// outgoing request and propagates the trace in its headers.
//
// A server span joining an incoming trace is a child of the caller's span
// (a new span ID whose parent is the caller's), not a span shared with the
// caller as in Zipkin's classic RPC model. A child works the same with
// every propagation format (W3C and uber-trace-id carry no way to share)
// and with every backend (two spans with one ID are a Zipkin idiom that
// Jaeger must rewrite to display and OpenTelemetry's model does not have),
// and it keeps client and server timings apart when their clocks disagree.
// Zipkin shows the client span and its server child as consecutive levels
// of the trace tree. Incoming shared-span callers (zipkin-go, Brave) need
// nothing special: their span ID simply becomes the parent.
package zipkinhttp
