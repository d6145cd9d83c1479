// Package tracetree shows a trace whole when its spans come from several
// processes: a Collector takes the spans they report over Zipkin's HTTP
// API (POST /api/v2/spans, JSON, as ZIPKIN_ENDPOINT=http://... sends
// them), and Print draws each trace as one tree, every span labelled with
// the service that reported it.
//
// It knows nothing of the shop: any services, any span kinds and any
// depth, which is what the demo driver needs to print each request's
// trace at the end of `make demo` (each service's debug reporter only sees
// its own part).
package tracetree
