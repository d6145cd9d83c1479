package zipkingrpc

import (
	"context"
	"time"

	"google.golang.org/grpc/stats"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// ServerOptions configures NewServerHandler. The zero value traces every
// RPC with the default tracer, trusts the trace in incoming metadata,
// names spans by their full method and counts every status but OK as an
// error.
type ServerOptions struct {
	// Tracer records the spans. Nil: zipkin.Default(), looked up per RPC,
	// so that a later zipkin.SetDefault takes effect.
	Tracer *zipkin.Tracer

	// SpanName names the span from the full method without its leading
	// slash ("helloworld.Greeter/SayHello"). Nil: that method name.
	SpanName func(method string) string

	// SkipMethods lists methods that are not traced, as
	// "pkg.Service/Method" (a leading slash is allowed); an entry ending in
	// "/" ("grpc.health.v1.Health/") skips every method of that service.
	// HealthAndReflection() lists the usual ones.
	SkipMethods []string
	// Skip reports whether a method (without the leading slash) is not
	// traced. Nil: only SkipMethods are skipped.
	Skip func(method string) bool

	// IsError decides whether a status other than OK marks the span with
	// an error tag (grpc.status_code is tagged for every code but OK either
	// way). Nil: DefaultIsError, every code but OK.
	IsError ErrorRule

	// UntrustedEdge ignores the trace in incoming metadata: every RPC
	// starts a new trace with the local sampling decision. Set it on
	// servers that face the internet, where a client could otherwise force
	// sampling (or debug) on every RPC, or attach spans to someone else's
	// trace.
	UntrustedEdge bool

	// SamplingRules decide the traces that RPCs start here (no parent, a
	// parent without a decision, or any RPC at an UntrustedEdge), matching
	// each rule's Route against the full method without its leading slash
	// ("helloworld.Greeter/SayHello", "grpc.health.v1.Health/*"; a leading
	// slash in a Route is allowed) and leaving Method empty, so a rule
	// with a Method never matches. The first matching rule decides, the
	// tracer's sampler otherwise; a parent's decision still stands.
	SamplingRules zipkin.SamplingRules
}

// NewServerHandler returns a stats.Handler, for grpc.StatsHandler, that
// records a SERVER span for each RPC, named by its full method without the
// leading slash. The span is a child of the trace in the incoming metadata
// (any propagation format, with the precedence of zipkin.Extract) unless
// o.UntrustedEdge is set; its remote endpoint is the peer's address.
// Tags: grpc.status_code (the code's name, such as "INVALID_ARGUMENT")
// when the status is not OK, and error when o.IsError counts the code.
//
// The RPC's context, a unary method's ctx and a stream's Context(),
// carries the span, with a span slot above it (zipkin.WithSpanSlot): a
// traced stream method that starts its span with zipkin.StartFrom(stream,
// ...) is what stream.Context() carries until that span ends.
func NewServerHandler(o ServerOptions) stats.Handler {
	return &serverHandler{o: o, skip: newSkipList(o.SkipMethods, o.Skip), rules: methodRules(o.SamplingRules)}
}

type serverHandler struct {
	o     ServerOptions
	skip  skipList
	rules zipkin.SamplingRules // o.SamplingRules without leading slashes
}

// TagRPC returns the RPC's context. The span cannot start yet: the
// incoming metadata is in ctx, but gRPC's only way to read it there copies
// all of it, while the stats.InHeader event that gRPC delivers next, before
// the method runs and with the same context, brings a copy gRPC has made
// anyway. So TagRPC returns a node that InHeader completes with the span.
func (h *serverHandler) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	t := tracerOr(h.o.Tracer)
	if !t.Enabled() {
		return ctx
	}
	method := methodName(info.FullMethodName)
	if h.skip.match(method) {
		return ctx
	}
	return &serverCall{base: ctx, handler: h, tracer: t, method: method}
}

// HandleRPC starts the span on the RPC's incoming header and ends it with
// the RPC.
func (h *serverHandler) HandleRPC(ctx context.Context, s stats.RPCStats) {
	switch s := s.(type) {
	case *stats.InHeader:
		if c, ok := ctx.Value(serverKey{}).(*serverCall); ok && c.inner == nil {
			c.start(s)
		}
	case *stats.End:
		if c, ok := ctx.Value(serverKey{}).(*serverCall); ok && c.span != nil {
			finishRPC(c.span, s.Error, h.o.IsError)
		}
	}
}

// TagConn implements stats.Handler; connections are not traced.
func (h *serverHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return ctx
}

// HandleConn implements stats.Handler; connections are not traced.
func (h *serverHandler) HandleConn(context.Context, stats.ConnStats) {}

// serverKey finds an RPC's serverCall in its context.
type serverKey struct{}

// serverCall is the context TagRPC returns: the RPC's own context until
// the span starts, then the span's context (with the slot above it). It
// keeps the server span itself, so that End never takes it from the
// slotted context, where a stream method's span may still be current.
//
// start writes inner and span once, on the InHeader event, which gRPC
// delivers on the goroutine that called TagRPC and before it hands the
// context to the method's goroutine; they are read-only afterwards.
type serverCall struct {
	base  context.Context
	inner context.Context // nil until start
	span  *zipkin.Span    // nil when not sampled
	// decision is the context of an unsampled RPC, which would otherwise
	// cost an allocation of its own.
	decision zipkin.DecisionNode
	handler  *serverHandler
	tracer   *zipkin.Tracer
	method   string
}

func (c *serverCall) start(in *stats.InHeader) {
	h := c.handler
	name := c.method
	if h.o.SpanName != nil {
		name = h.o.SpanName(c.method)
	}
	kind := zipkin.WithKind(zipkin.Server)
	// No matching rule leaves rule the zero option, which changes nothing:
	// the tracer's sampler decides.
	rule, _ := h.rules.Match("", c.method)
	var ctx context.Context
	var span *zipkin.Span
	switch sc, ok := c.parent(in); {
	case h.o.UntrustedEdge:
		ctx, span = c.tracer.StartIn(&c.decision, c.base, name, kind, zipkin.WithNewTrace(), rule)
	case ok:
		ctx, span = c.tracer.StartIn(&c.decision, c.base, name, kind, zipkin.WithParent(sc), rule)
	default:
		ctx, span = c.tracer.StartIn(&c.decision, c.base, name, kind, rule)
	}
	if span == nil { // not sampled: ctx (c.decision) carries the decision, nothing to end
		c.inner = ctx
		return
	}
	span.SetRemoteEndpoint(endpointOf(in.RemoteAddr))
	c.span = span
	c.inner = zipkin.WithSpanSlot(ctx)
}

// parent extracts the caller's trace from the incoming metadata.
func (c *serverCall) parent(in *stats.InHeader) (zipkin.SpanContext, bool) {
	if c.handler.o.UntrustedEdge || len(in.Header) == 0 {
		return zipkin.SpanContext{}, false
	}
	return zipkin.Extract(MetadataCarrier(in.Header))
}

func (c *serverCall) Deadline() (time.Time, bool) { return c.base.Deadline() }
func (c *serverCall) Done() <-chan struct{}       { return c.base.Done() }
func (c *serverCall) Err() error                  { return c.base.Err() }

func (c *serverCall) Value(key any) any {
	if key == (serverKey{}) {
		return c
	}
	if c.inner != nil {
		return c.inner.Value(key)
	}
	return c.base.Value(key)
}

func (c *serverCall) String() string { return "zipkingrpc.server(" + c.method + ")" }
