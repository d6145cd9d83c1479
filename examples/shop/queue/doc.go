// Package queue is the example shop's message queue: a tiny newline-delimited
// JSON protocol over a loopback TCP connection. Messages carry headers, and
// the trace context travels in them (zipkin.Inject and zipkin.Extract with a
// MapCarrier), so a consumer's span joins the producer's trace.
package queue
