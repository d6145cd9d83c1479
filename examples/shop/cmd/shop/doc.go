// Command shop runs the example shop: six services (frontend, catalog,
// checkout, payments, an inventory service that checkout calls over gRPC,
// and an order worker behind a loopback queue), each in
// its own process on a free 127.0.0.1 port, and a driver that sends a few
// customer requests through them, one of which fails on purpose.
//
// Usage:
//
//	shop [-report FILE] [-driver-sample-rate RATE]   start everything, drive the requests, stop
//	shop serve SERVICE [flags]                       run one service (what shop starts)
//
// Tracing is configured from the environment as in any zipkingen program:
// ZIPKIN_ENDPOINT=stderr prints each service's trace trees, and
// ZIPKIN_ENDPOINT=http://127.0.0.1:9411 sends them to Zipkin or Jaeger. Each
// service reports under its own name; the driver reports as "driver". On
// exit each service prints its tracer's counters, and -report writes the
// requests' trace IDs and all the counters as JSON (the e2e tests read it).
// -driver-sample-rate changes the sampling of the driver alone: the services
// keep theirs and follow the decision that reaches them in the headers.
package main
