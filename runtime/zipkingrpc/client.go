package zipkingrpc

import (
	"context"
	"strings"
	"sync"

	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// ClientOptions configures NewClientHandler. The zero value traces every
// RPC with the default tracer, names spans by their full method and counts
// every status but OK as an error.
type ClientOptions struct {
	// Tracer records the spans and chooses the propagation formats
	// (ZIPKIN_PROPAGATION for the default tracer). Nil: zipkin.Default(),
	// looked up per RPC.
	Tracer *zipkin.Tracer
	// RemoteService is the remote endpoint's service name: the service
	// being called, which Zipkin's dependency graph needs when that service
	// is not traced itself. Empty: absent.
	RemoteService string
	// SpanName names the span from the full method without its leading
	// slash. Nil: that method name.
	SpanName func(method string) string
	// SkipMethods and Skip leave methods untraced, as in ServerOptions; a
	// skipped RPC carries the caller's trace unchanged only if the caller
	// put it in the metadata itself.
	SkipMethods []string
	Skip        func(method string) bool
	// IsError decides whether a status other than OK marks the span with
	// an error tag, as in ServerOptions. Nil: DefaultIsError.
	IsError ErrorRule
	// SamplingRules decide the traces that RPCs start here, when the
	// call's context has no parent (or one without a decision), matching
	// the full method as ServerOptions.SamplingRules do. The first
	// matching rule decides, the tracer's sampler otherwise; a parent's
	// decision still stands.
	SamplingRules zipkin.SamplingRules
}

// NewClientHandler returns a stats.Handler, for grpc.WithStatsHandler, that
// records a CLIENT span for each RPC attempt (a retried RPC has a span per
// attempt), as a child of the span in the call's context, and injects the
// trace into the outgoing metadata in the tracer's propagation formats,
// also when the trace is not sampled, so that the decision travels.
//
// The span ends when gRPC ends the RPC: for a stream, when it is read to
// its end or fails, or when its context is cancelled (gRPC ends a stream
// nobody reads to the end only then: cancel the contexts of streams you
// abandon, as gRPC asks). The remote endpoint is o.RemoteService and the
// address of the server that took the RPC; tags as on the server.
//
// Trace keys already in the outgoing metadata (a proxy that forwards its
// incoming metadata) are replaced, as the next server would otherwise read
// the caller's context instead of this span's.
func NewClientHandler(o ClientOptions) stats.Handler {
	return &clientHandler{o: o, skip: newSkipList(o.SkipMethods, o.Skip), rules: methodRules(o.SamplingRules)}
}

type clientHandler struct {
	o     ClientOptions
	skip  skipList
	rules zipkin.SamplingRules // o.SamplingRules without leading slashes
}

// TagRPC starts the attempt's span and puts the trace into the outgoing
// metadata.
func (h *clientHandler) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	t := tracerOr(h.o.Tracer)
	if !t.Enabled() {
		return ctx
	}
	method := methodName(info.FullMethodName)
	if h.skip.match(method) {
		return ctx
	}
	name := method
	if h.o.SpanName != nil {
		name = h.o.SpanName(method)
	}
	// No matching rule leaves rule the zero option, which changes nothing.
	rule, _ := h.rules.Match("", method)
	var spanCtx context.Context
	var span *zipkin.Span
	if h.o.RemoteService != "" {
		spanCtx, span = t.Start(ctx, name, zipkin.WithKind(zipkin.Client), zipkin.WithRemoteService(h.o.RemoteService), rule)
	} else {
		spanCtx, span = t.Start(ctx, name, zipkin.WithKind(zipkin.Client), rule)
	}
	// Sampled or not, the trace goes to the server: when not sampled, the
	// decision and the IDs the logs may carry.
	kv := kvPool.Get().(*keyValues)
	t.Inject(spanCtx, kv)
	out := withOutgoing(spanCtx, kv.pairs())
	kv.reset()
	kvPool.Put(kv)
	if span == nil {
		return out
	}
	return &clientCall{Context: out, span: span}
}

// kvPool holds the buffers Inject writes an RPC's trace keys into. A
// buffer on TagRPC's stack would escape, since Inject takes it as a
// zipkin.Carrier interface, and cost each RPC an allocation; but
// withOutgoing copies what it is given, so a buffer is free again as soon
// as it returns.
var kvPool = sync.Pool{New: func() any { return new(keyValues) }}

// HandleRPC completes the span with the server's address and ends it with
// the attempt.
func (h *clientHandler) HandleRPC(ctx context.Context, s stats.RPCStats) {
	switch s := s.(type) {
	case *stats.OutHeader:
		if c, ok := ctx.Value(clientKey{}).(*clientCall); ok && s.RemoteAddr != nil {
			ep := endpointOf(s.RemoteAddr)
			ep.ServiceName = h.o.RemoteService
			c.span.SetRemoteEndpoint(ep)
		}
	case *stats.End:
		if c, ok := ctx.Value(clientKey{}).(*clientCall); ok {
			finishRPC(c.span, s.Error, h.o.IsError)
		}
	}
}

// TagConn implements stats.Handler; connections are not traced.
func (h *clientHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return ctx
}

// HandleConn implements stats.Handler; connections are not traced.
func (h *clientHandler) HandleConn(context.Context, stats.ConnStats) {}

// clientKey finds an attempt's clientCall in its context.
type clientKey struct{}

// clientCall is the context TagRPC returns for a sampled attempt: the
// span's context with the trace in its outgoing metadata. It keeps the
// span, so that End finds this span and never one of the caller's.
type clientCall struct {
	context.Context
	span *zipkin.Span
}

func (c *clientCall) Value(key any) any {
	if key == (clientKey{}) {
		return c
	}
	return c.Context.Value(key)
}

func (c *clientCall) String() string {
	return "zipkingrpc.client(" + c.span.Context().ID.String() + ")"
}

// keyValues is a zipkin.Carrier collecting what Inject writes, as the
// key-value list that metadata.AppendToOutgoingContext takes.
type keyValues struct {
	n  int
	kv [2 * maxTraceKeys]string
}

// maxTraceKeys is the number of keys the four formats write together.
const maxTraceKeys = 9

func (k *keyValues) Get(string) string { return "" }

func (k *keyValues) Set(key, value string) {
	if k.n+2 <= len(k.kv) {
		k.kv[k.n], k.kv[k.n+1] = key, value
		k.n += 2
	}
}

func (k *keyValues) pairs() []string { return k.kv[:k.n] }

// reset empties k, dropping its references to the values.
func (k *keyValues) reset() {
	clear(k.kv[:k.n])
	k.n = 0
}

// traceKeys are the metadata keys of every format zipkin.Extract reads.
var traceKeys = [...]string{
	"b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags",
	"traceparent", "tracestate", "uber-trace-id",
}

// withOutgoing adds kv to ctx's outgoing metadata, copying kv (the caller
// may reuse it once withOutgoing returns). When that metadata
// already holds trace keys (of any format: the caller's context forwarded
// in a format the tracer does not write would win at the next server), it
// is rebuilt without them; else kv is appended, which copies nothing.
func withOutgoing(ctx context.Context, kv []string) context.Context {
	if len(kv) == 0 {
		return ctx
	}
	md, ok := metadata.FromOutgoingContext(ctx) // allocates only when there is metadata
	if !ok || !hasTraceKey(md) {
		return metadata.AppendToOutgoingContext(ctx, kv...)
	}
	for _, k := range traceKeys {
		delete(md, k)
	}
	for i := 0; i < len(kv); i += 2 {
		md[strings.ToLower(kv[i])] = []string{kv[i+1]}
	}
	return metadata.NewOutgoingContext(ctx, md)
}

func hasTraceKey(md metadata.MD) bool {
	for _, k := range traceKeys {
		if _, ok := md[k]; ok {
			return true
		}
	}
	return false
}
