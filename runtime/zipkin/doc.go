// Package zipkin is the runtime that zipkingen's generated code calls: it
// starts and ends Zipkin spans, carries them in context.Context, samples,
// and reports finished spans to a Zipkin-compatible collector. It is also a
// small hand-written tracing API, configured from the ZIPKIN_* environment
// variables with no set-up, or in code through Options and a Tracer.
//
// Hand-written use looks like the generated code:
//
//	func (s *Store) Get(ctx context.Context, id string) (_ *Item, err error) {
//		ctx, span := zipkin.Start(ctx, "store.Get", zipkin.WithKind(zipkin.Client), zipkin.WithRemoteService("db"))
//		defer span.End(&err)
//		span.Tag("item.id", id)
//		...
//	}
//
// Start returns a nil *Span when tracing is disabled (ZIPKIN_ENDPOINT
// unset) or the trace is not sampled; every Span method is a no-op on nil,
// so traced code never checks. A program that traces defers Close in main
// so that queued spans are delivered before it exits.
//
// The environment (read once, on first use of the default tracer):
//
//	ZIPKIN_ENDPOINT      http(s)://host:9411/api/v2/spans, or stderr/stdout for
//	                     a readable tree of each trace; unset: tracing disabled
//	ZIPKIN_SERVICE_NAME  local service name (default: the executable's name)
//	ZIPKIN_SAMPLE_RATE   0..1, decided once per trace from its ID (default 1)
//	ZIPKIN_ENCODING      json or proto3 (default json)
//	ZIPKIN_PROPAGATION   formats injected: b3, b3single, w3c, uber (default b3)
//	ZIPKIN_COMPRESSION   auto, gzip or none (default auto: gzip unless the
//	                     collector's host is localhost or a loopback IP)
//
// Counters are in Tracer.Stats; importing runtime/zipkinexpvar also
// publishes them through expvar as "zipkin". That is opt-in because importing
// expvar mounts /debug/vars on http.DefaultServeMux, which a program that
// serves DefaultServeMux may not want exposed.
package zipkin
