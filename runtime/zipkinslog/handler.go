package zipkinslog

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// Options configures NewHandler. The zero value stamps IDs as "trace_id"
// and "span_id" and mirrors nothing.
type Options struct {
	// TraceIDKey and SpanIDKey name the attributes. Empty: "trace_id" and
	// "span_id".
	TraceIDKey, SpanIDKey string

	// AnnotateLevel, when set, mirrors records at or above this level as
	// annotations on the sampled span in the record's context, whether or
	// not the wrapped handler is enabled for that level. Nil: no records
	// are mirrored.
	AnnotateLevel slog.Leveler
	// AnnotateRate limits mirrored records per second for the handler
	// returned by NewHandler and every handler derived from it (With,
	// WithGroup): a token bucket, so a log storm cannot grow spans without
	// bound. Records over the limit are still logged, just not mirrored.
	// Zero: 100 per second.
	AnnotateRate float64
	// AnnotateBurst is the bucket's size: how many records may be mirrored
	// at once after a quiet spell. Zero: AnnotateRate, and at least 1.
	AnnotateBurst int
}

// NewHandler returns a handler that passes records to h, adding the trace
// and span IDs of the span context in the record's context (also of an
// unsampled trace: the IDs still join logs across services).
func NewHandler(h slog.Handler, o Options) slog.Handler {
	c := &config{
		traceKey: o.TraceIDKey,
		spanKey:  o.SpanIDKey,
		level:    o.AnnotateLevel,
	}
	if c.traceKey == "" {
		c.traceKey = "trace_id"
	}
	if c.spanKey == "" {
		c.spanKey = "span_id"
	}
	if c.level != nil {
		c.bucket = newBucket(o.AnnotateRate, o.AnnotateBurst)
	}
	return &handler{inner: h, c: c}
}

// config is shared by a handler and all handlers derived from it.
type config struct {
	traceKey, spanKey string
	level             slog.Leveler
	bucket            *bucket
}

// handler keeps groups opened by WithGroup itself, instead of passing them
// to the wrapped handler, so that the IDs it adds at Handle time can stay
// at the top level. Attributes added before any group go to the wrapped
// handler at once, keeping its pre-formatting.
type handler struct {
	inner  slog.Handler
	c      *config
	groups []group // outermost first
}

type group struct {
	name  string
	attrs []slog.Attr
}

// Enabled reports whether the wrapped handler is enabled, or the record
// would be mirrored onto a span.
func (h *handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level) || h.mirrors(ctx, level) != nil
}

// mirrors returns the span a record at level is mirrored onto, or nil.
func (h *handler) mirrors(ctx context.Context, level slog.Level) *zipkin.Span {
	if h.c.level == nil || level < h.c.level.Level() {
		return nil
	}
	return zipkin.SpanFromContext(ctx)
}

// Handle mirrors the record when configured, then passes it on with the
// IDs added.
func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	if span := h.mirrors(ctx, r.Level); span != nil {
		at := r.Time
		if at.IsZero() { // a hand-made Record; Logger always sets the time
			at = time.Now()
		}
		if h.c.bucket.take(at) {
			span.AnnotateAt(at, annotation(r))
		}
	}
	if !h.inner.Enabled(ctx, r.Level) {
		return nil
	}
	sc, traced := zipkin.SpanContextFromContext(ctx)
	bagged := hasBaggage(ctx)
	if !traced && len(h.groups) == 0 && !bagged {
		return h.inner.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	if traced {
		out.AddAttrs(slog.String(h.c.traceKey, sc.TraceID.String()), slog.String(h.c.spanKey, sc.ID.String()))
	}
	if bagged {
		zipkin.RangeBaggage(ctx, func(name, value string) bool {
			out.AddAttrs(slog.String(name, value))
			return true
		})
	}
	if len(h.groups) == 0 {
		r.Attrs(func(a slog.Attr) bool { out.AddAttrs(a); return true })
	} else {
		out.AddAttrs(h.nest(r))
	}
	return h.inner.Handle(ctx, out)
}

// nest wraps the record's attributes in the open groups, innermost last,
// with each group's own attributes first: what the wrapped handler would
// have produced from the same WithGroup and WithAttrs calls.
func (h *handler) nest(r slog.Record) slog.Attr {
	last := h.groups[len(h.groups)-1]
	attrs := make([]slog.Attr, 0, len(last.attrs)+r.NumAttrs())
	attrs = append(attrs, last.attrs...)
	r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a); return true })
	nested := slog.Attr{Key: last.name, Value: slog.GroupValue(attrs...)}
	for i := len(h.groups) - 2; i >= 0; i-- {
		g := h.groups[i]
		outer := make([]slog.Attr, 0, len(g.attrs)+1)
		outer = append(append(outer, g.attrs...), nested)
		nested = slog.Attr{Key: g.name, Value: slog.GroupValue(outer...)}
	}
	return nested
}

// WithAttrs returns a handler whose records carry attrs.
func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	if len(h.groups) == 0 {
		return &handler{inner: h.inner.WithAttrs(attrs), c: h.c}
	}
	groups := append([]group(nil), h.groups...)
	last := &groups[len(groups)-1]
	last.attrs = append(append([]slog.Attr(nil), last.attrs...), attrs...)
	return &handler{inner: h.inner, c: h.c, groups: groups}
}

// WithGroup returns a handler that nests later attributes under name.
func (h *handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	groups := append(append([]group(nil), h.groups...), group{name: name})
	return &handler{inner: h.inner, c: h.c, groups: groups}
}

// annotation is the record as one line: level, message and the record's
// own attributes, like slog's text output.
func annotation(r slog.Record) string {
	var b strings.Builder
	b.WriteString(r.Level.String())
	b.WriteByte(' ')
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		b.WriteByte(' ')
		b.WriteString(a.String())
		return true
	})
	return b.String()
}
