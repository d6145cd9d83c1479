package zipkin

import (
	"context"
	"net/http"
	"time"
)

// ctxKey is the one context key of the package. Its value is either a
// *Span (a sampled local span) or a *remoteNode (a remote or unsampled
// parent), both pointers, so a lookup never allocates.
type ctxKey struct{}

// spanNode is the context.Context of a sampled span. It lives inside the
// Span and delegates everything but its own key to the parent, which keeps
// a sampled Start at one allocation.
type spanNode struct {
	parent context.Context
	span   *Span
}

func (n *spanNode) Deadline() (time.Time, bool) { return n.parent.Deadline() }
func (n *spanNode) Done() <-chan struct{}       { return n.parent.Done() }
func (n *spanNode) Err() error                  { return n.parent.Err() }

func (n *spanNode) Value(key any) any {
	if key == (ctxKey{}) {
		return n.span
	}
	return n.parent.Value(key)
}

// String names the node in the way context's own types do, for debugging.
func (n *spanNode) String() string {
	sc := n.span.sc
	return "zipkin.Span(" + sc.TraceID.String() + "/" + sc.ID.String() + ")"
}

// remoteNode carries a SpanContext without a local span: a parent extracted
// from another process, or a local decision not to sample.
type remoteNode struct {
	parent context.Context
	sc     SpanContext
}

func (n *remoteNode) Deadline() (time.Time, bool) { return n.parent.Deadline() }
func (n *remoteNode) Done() <-chan struct{}       { return n.parent.Done() }
func (n *remoteNode) Err() error                  { return n.parent.Err() }

func (n *remoteNode) Value(key any) any {
	if key == (ctxKey{}) {
		return n
	}
	return n.parent.Value(key)
}

func (n *remoteNode) String() string {
	return "zipkin.SpanContext(" + n.sc.TraceID.String() + "/" + n.sc.ID.String() + ")"
}

// SpanFromContext returns the sampled span in ctx, or nil when there is
// none (no trace, an unsampled trace, or only a remote parent).
func SpanFromContext(ctx context.Context) *Span {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(ctxKey{}).(*Span)
	return s
}

// SpanContextFromContext returns the identity of the current span in ctx,
// sampled or not, local or remote. It reports false when ctx has none.
func SpanContextFromContext(ctx context.Context) (SpanContext, bool) {
	if ctx == nil {
		return SpanContext{}, false
	}
	switch v := ctx.Value(ctxKey{}).(type) {
	case *Span:
		return v.sc, true
	case *remoteNode:
		return v.sc, true
	}
	return SpanContext{}, false
}

// ContextWithSpanContext returns a copy of ctx whose parent for new spans is
// sc, typically extracted from an incoming request. A bare sampling
// decision without IDs (from "b3: 0") is kept too: spans started under it
// begin new traces that honour it. An sc with neither IDs nor a decision
// returns ctx unchanged.
func ContextWithSpanContext(ctx context.Context, sc SpanContext) context.Context {
	if !usableParent(sc) {
		return ctx
	}
	return &remoteNode{parent: ctx, sc: sc}
}

// usableParent reports whether sc can parent a span: it has IDs, or it is
// a bare sampling decision (deny, accept or debug) for a new trace.
func usableParent(sc SpanContext) bool {
	return sc.IsValid() || sc.Sampling != Defer || sc.Debug
}

// Annotate adds a timestamped annotation to the span in ctx, if any
// (eventlet's put_annotation).
func Annotate(ctx context.Context, value string) { SpanFromContext(ctx).Annotate(value) }

// Tag sets a tag on the span in ctx, if any (eventlet's put_key_value).
func Tag(ctx context.Context, key, value string) { SpanFromContext(ctx).Tag(key, value) }

// StartOption configures a span at Start. It is a plain value, so passing
// options does not allocate.
type StartOption struct {
	set     optionBits
	kind    Kind
	remote  Endpoint
	shared  *SharedRemote // WithSharedRemote
	parent  SpanContext
	sampler sampler // WithSampler, WithSampleRate (sampler.go)
}

type optionBits uint8

const (
	optKind optionBits = 1 << iota
	optRemote
	optRemoteService
	optParent
	optNewTrace
	optSampler
	optChildOnly
	optShared
)

// WithKind sets the span kind.
func WithKind(k Kind) StartOption { return StartOption{set: optKind, kind: k} }

// WithRemoteService sets the remote endpoint's service name (for a CLIENT
// span, the service being called).
func WithRemoteService(name string) StartOption {
	return StartOption{set: optRemoteService, remote: Endpoint{ServiceName: name}}
}

// WithRemoteEndpoint sets the whole remote endpoint.
func WithRemoteEndpoint(e Endpoint) StartOption { return StartOption{set: optRemote, remote: e} }

// SharedRemote is a remote endpoint prepared once for the spans of many
// Starts: an integration that names the same peer on every span it starts
// (a database wrapper, a client bound to one service) builds one and
// passes it with WithSharedRemote. It is safe for concurrent use.
type SharedRemote struct {
	e   Endpoint
	ext *spanExt // frozen (see Span.extension); nil when e is zero
}

// NewSharedRemote prepares e for WithSharedRemote.
func NewSharedRemote(e Endpoint) *SharedRemote {
	r := &SharedRemote{e: e}
	if !e.IsZero() {
		r.ext = &spanExt{remote: e} // tags and anns nil: frozen
	}
	return r
}

// Endpoint returns the endpoint r was prepared with.
func (r *SharedRemote) Endpoint() Endpoint { return r.e }

// WithSharedRemote sets the whole remote endpoint, as WithRemoteEndpoint
// does with r's endpoint, but a span that needs nothing else of its
// extension (no more than the inline tags and annotation) shares r's
// instead of allocating its own. A nil r is no option.
func WithSharedRemote(r *SharedRemote) StartOption {
	if r == nil {
		return StartOption{}
	}
	return StartOption{set: optShared, shared: r}
}

// WithParent makes sc the parent, overriding any span in the context; use it
// for a parent extracted from a carrier. A bare sampling decision without
// IDs starts a new trace that honours it; an sc with neither is ignored.
func WithParent(sc SpanContext) StartOption { return StartOption{set: optParent, parent: sc} }

// WithNewTrace starts a new trace, ignoring any parent.
func WithNewTrace() StartOption { return StartOption{set: optNewTrace} }

// ChildOnly starts a span only as the child of a parent (a span or a
// decision in the context, WithParent, or the request's headers for
// StartRequest): without one, Start records nothing, returns ctx as it is
// and a nil span, rather than beginning a new trace. It is for work that
// only makes sense inside a trace, such as one database call: outside any,
// a root span of its own would be noise. WithNewTrace overrides it.
func ChildOnly() StartOption { return StartOption{set: optChildOnly} }

// startConfig is the merged result of the options of one Start call.
type startConfig struct {
	kind   Kind
	remote Endpoint
	// shared, when set (WithSharedRemote), is the remote endpoint instead
	// of remote, which is copied from it only if a later option changes it.
	shared    *SharedRemote
	parent    SpanContext
	hasParent bool
	newTrace  bool
	childOnly bool

	hasSampler bool
	sampler    sampler

	// node, when set (StartIn), holds the context of an unsampled Start
	// instead of a new remoteNode.
	node *remoteNode
	// leaf (StartLeaf): the context is not returned, so a sampled span
	// comes from the recycled ones and an unsampled decision needs no node.
	leaf bool
}

// remoteNode returns the node carrying sc above ctx: cfg's node when it
// has one, else a new one.
func (c *startConfig) remoteNode(ctx context.Context, sc SpanContext) *remoteNode {
	if c != nil && c.leaf {
		return nil // StartLeaf drops the context
	}
	if c != nil && c.node != nil {
		*c.node = remoteNode{parent: ctx, sc: sc}
		return c.node
	}
	return &remoteNode{parent: ctx, sc: sc}
}

// apply merges opts in order. Every option sets exactly one field (each
// constructor sets one bit), so one switch per option does.
func (c *startConfig) apply(opts []StartOption) {
	for i := range opts {
		o := &opts[i]
		switch o.set {
		case optKind:
			c.kind = o.kind
		case optRemote:
			c.remote, c.shared = o.remote, nil
		case optRemoteService:
			if c.shared != nil {
				c.remote, c.shared = c.shared.e, nil
			}
			c.remote.ServiceName = o.remote.ServiceName
		case optShared:
			c.shared = o.shared // c.remote is unused while shared is set
		case optParent:
			if usableParent(o.parent) {
				c.parent, c.hasParent = o.parent, true
			}
		case optNewTrace:
			c.newTrace = true
		case optChildOnly:
			c.childOnly = true
		case optSampler:
			c.sampler, c.hasSampler = o.sampler, true
		}
	}
}

// Start starts a span with the default tracer: a child of the span in ctx,
// else a new trace. It returns the context carrying the span and the span,
// which is nil when the tracer is disabled or the trace is not sampled.
func Start(ctx context.Context, name string, opts ...StartOption) (context.Context, *Span) {
	return Default().start(ctx, name, nil, opts)
}

// StartRoot starts a new trace with the default tracer, for code that has
// no context.
func StartRoot(name string, opts ...StartOption) (context.Context, *Span) {
	return Default().start(context.Background(), name, nil, opts)
}

// StartRequest starts a span with the default tracer for work on behalf of
// r: a child of the span in r's context, else of the trace in r's headers
// (all propagation formats), else a new trace. It does not imply a SERVER
// kind: it is for traced functions, not a middleware. It returns r itself
// when no new context was created, else r.WithContext with the span's
// context.
func StartRequest(r *http.Request, name string, opts ...StartOption) (*http.Request, *Span) {
	return Default().StartRequest(r, name, opts...)
}

// Start starts a span; see the package-level Start.
func (t *Tracer) Start(ctx context.Context, name string, opts ...StartOption) (context.Context, *Span) {
	return t.start(ctx, name, nil, opts)
}

// StartRequest starts a span for r; see the package-level StartRequest.
func (t *Tracer) StartRequest(r *http.Request, name string, opts ...StartOption) (*http.Request, *Span) {
	if !t.Enabled() {
		return r, nil
	}
	if r == nil {
		// Code that handles a nil request itself must keep working once
		// instrumented: trace it as a new root and hand nil back.
		_, span := t.start(context.Background(), name, nil, opts)
		return nil, span
	}
	ctx := r.Context()
	newCtx, span := t.start(ctx, name, r.Header, opts)
	if newCtx == ctx {
		return r, span
	}
	return r.WithContext(newCtx), span
}

// start is Start with optional fallback headers (StartRequest's), from
// which the parent is extracted when ctx has none and no option names one:
// only then, so that a request whose context already holds a span costs
// no extraction, and its context is searched once.
func (t *Tracer) start(ctx context.Context, name string, fallback http.Header, opts []StartOption) (context.Context, *Span) {
	if t == nil || t.reporter == nil {
		return ctx, nil
	}
	if len(opts) == 0 {
		// Generated code's shape: no options, and ctx is most often the
		// node of the parent itself, which a type switch finds without
		// walking the context chain.
		switch p := ctx.(type) {
		case *spanNode:
			return t.newSpan(ctx, name, &p.span.sc, false, nil)
		case *remoteNode:
			return t.startFromRemote(ctx, name, &p.sc, false, nil)
		}
	}
	return t.startWithOptions(ctx, name, fallback, opts, nil, false)
}

// DecisionNode is room for the context of an unsampled trace (its IDs and
// the decision not to sample it), for an integration to embed in a
// per-request object it allocates anyway: StartIn then costs an unsampled
// request no allocation of its own (runtime/zipkingrpc's server handler
// embeds one in the node its TagRPC returns). Its zero value is ready. A
// DecisionNode is used by one StartIn only, and must not be copied.
type DecisionNode struct{ n remoteNode }

// StartIn is Start, except that when it records nothing but must still
// carry a decision in the context it returns, that context is n rather
// than a new node. Like Start's, the context is returned to the caller
// (n itself, or ctx, or a sampled span's context).
func (t *Tracer) StartIn(n *DecisionNode, ctx context.Context, name string, opts ...StartOption) (context.Context, *Span) {
	if t == nil || t.reporter == nil {
		return ctx, nil
	}
	return t.startWithOptions(ctx, name, nil, opts, &n.n, false)
}

// startWithOptions is start for any options and any context.
func (t *Tracer) startWithOptions(ctx context.Context, name string, fallback http.Header, opts []StartOption, node *remoteNode, leaf bool) (context.Context, *Span) {
	if ctx == nil {
		// A nil context is the caller's to handle: code that checks for it
		// must behave the same traced or not. The span is a new root, and
		// nil goes back to the body.
		_, s := t.startWithOptions(context.Background(), name, fallback, opts, nil, leaf)
		return nil, s
	}
	cfg := startConfig{node: node, leaf: leaf}
	cfg.apply(opts)
	switch {
	case cfg.newTrace:
		return t.startRoot(ctx, name, &cfg)
	case cfg.hasParent:
		if isLocalSpan(ctx, cfg.parent) {
			return t.newSpan(ctx, name, &cfg.parent, false, &cfg)
		}
		return t.startFromRemote(ctx, name, &cfg.parent, true, &cfg)
	}
	switch p := ctx.Value(ctxKey{}).(type) {
	case *Span:
		return t.newSpan(ctx, name, &p.sc, false, &cfg)
	case *remoteNode:
		return t.startFromRemote(ctx, name, &p.sc, false, &cfg)
	}
	var sc SpanContext // parsed in place: no 56-byte copy on the way
	if extractHeader(fallback, &sc) && usableParent(sc) {
		return t.startFromRemote(ctx, name, &sc, true, &cfg)
	}
	if cfg.childOnly {
		return ctx, nil // no parent: nothing to record, and nothing counted
	}
	return t.startRoot(ctx, name, &cfg)
}

// notSampled ends a Start that records nothing, counting it.
func (t *Tracer) notSampled(ctx context.Context) (context.Context, *Span) {
	t.unsampled.Add(1)
	return ctx, nil
}

// isLocalSpan reports whether parent, given through WithParent, is the
// sampled span in ctx: then the child is not a local root, and the debug
// reporter prints it inside its parent's tree.
func isLocalSpan(ctx context.Context, parent SpanContext) bool {
	p, ok := ctx.Value(ctxKey{}).(*Span)
	return ok && p.sc.ID == parent.ID && p.sc.TraceID == parent.TraceID
}

// startRoot begins a new trace, sampled by its ID. cfg may be nil (no
// options), here and in the functions below.
func (t *Tracer) startRoot(ctx context.Context, name string, cfg *startConfig) (context.Context, *Span) {
	sc := SpanContext{TraceID: newTraceID(), ID: newSpanID()}
	if !t.samplerFor(cfg).sample(sc.TraceID) {
		sc.Sampling = Deny
		return t.notSampled(cfg.remoteNode(ctx, sc))
	}
	sc.Sampling = Accept
	return t.startSpan(ctx, name, &sc, true, cfg)
}

// startFromRemote begins a span under a parent that is not a local span.
// notInCtx says the parent came from an option or headers rather than from
// ctx, so an unsampled decision must be stored in a new node.
func (t *Tracer) startFromRemote(ctx context.Context, name string, parent *SpanContext, notInCtx bool, cfg *startConfig) (context.Context, *Span) {
	if parent.Sampling == Deny && !parent.Debug && !notInCtx {
		// The unsampled child, the hot path of a sampled-out trace: the
		// decision in ctx stands, and ctx is returned as it is.
		return t.notSampled(ctx)
	}
	if !parent.IsValid() {
		return t.startBareDecision(ctx, name, parent, notInCtx, cfg)
	}
	sampled := parent.IsSampled()
	if !sampled && parent.Sampling == Defer {
		sampled = t.samplerFor(cfg).sample(parent.TraceID)
		notInCtx = true // the local decision must travel with the context
	}
	if sampled {
		return t.newSpan(ctx, name, parent, true, cfg)
	}
	if !notInCtx {
		return t.notSampled(ctx)
	}
	sc := *parent
	sc.Sampling = Deny
	return t.notSampled(cfg.remoteNode(ctx, sc))
}

// startBareDecision begins a new trace under an upstream decision that
// came without IDs ("b3: 0", a lone "X-B3-Flags: 1"): deny stays
// unsampled, accept and debug are recorded.
func (t *Tracer) startBareDecision(ctx context.Context, name string, d *SpanContext, notInCtx bool, cfg *startConfig) (context.Context, *Span) {
	sc := SpanContext{TraceID: newTraceID(), ID: newSpanID(), Debug: d.Debug, TraceState: d.TraceState}
	if d.IsSampled() {
		sc.Sampling = Accept
		return t.startSpan(ctx, name, &sc, true, cfg)
	}
	if !notInCtx {
		return t.notSampled(ctx) // the decision in ctx already says deny
	}
	sc.Sampling = Deny
	return t.notSampled(cfg.remoteNode(ctx, sc))
}

// newSpan begins a sampled child of parent.
func (t *Tracer) newSpan(ctx context.Context, name string, parent *SpanContext, localRoot bool, cfg *startConfig) (context.Context, *Span) {
	sc := SpanContext{
		TraceID:    parent.TraceID,
		ID:         newSpanID(),
		ParentID:   parent.ID,
		Sampling:   Accept,
		Debug:      parent.Debug,
		TraceState: parent.TraceState,
	}
	return t.startSpan(ctx, name, &sc, localRoot, cfg)
}

// startSpan makes the one allocation of a sampled span. leafUnder
// (leaf.go) is a copy of newSpan and startSpan for StartLeaf's common
// case: keep the two in step. The clock is read
// before the allocation and the fields are stored one by one into the new
// object, so that the compiler can skip write barriers on them.
func (t *Tracer) startSpan(ctx context.Context, name string, sc *SpanContext, localRoot bool, cfg *startConfig) (context.Context, *Span) {
	t.sampled.Add(1)
	now := monoNow()
	wall := wallNanos(now)
	var s *Span
	leaf := cfg != nil && cfg.leaf
	if leaf {
		s = newLeafSpan()
	} else {
		s = new(Span)
	}
	s.node.parent = ctx
	if !leaf {
		s.node.span = s // a leaf's node is no context: nil marks it (isLeaf)
	}
	s.tracer = t
	s.sc.copyFrom(sc)
	s.startWall = wall
	s.startMono = now
	s.name = name
	s.localRoot = localRoot
	if cfg != nil {
		s.kind = cfg.kind
		if cfg.shared != nil {
			s.ext = cfg.shared.ext // copied on the first write (Span.extension); nil for no endpoint
		} else if !cfg.remote.IsZero() {
			s.ext = newSpanExt()
			s.ext.remote = cfg.remote
		}
	}
	return &s.node, s
}
