package zipkinsql

import (
	"context"
	"database/sql/driver"
	"errors"
	"unicode/utf8"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// config is the options of one wrapped connector, shared by everything it
// creates.
type config struct {
	o        Options
	maxQuery int
	// start is every span's options, built once: the kind, ChildOnly
	// unless Options.NewTraces, and Options.RemoteService as a shared
	// endpoint, so that a span whose only extra is the remote endpoint
	// shares it instead of allocating an extension of its own.
	start []zipkin.StartOption
}

func newConfig(o Options) *config {
	c := &config{o: o, maxQuery: o.MaxQueryBytes}
	if c.maxQuery <= 0 {
		c.maxQuery = DefaultMaxQueryBytes
	}
	c.start = []zipkin.StartOption{zipkin.WithKind(zipkin.Client)}
	if !o.NewTraces {
		c.start = append(c.start, zipkin.ChildOnly())
	}
	if o.RemoteService != "" {
		remote := zipkin.NewSharedRemote(zipkin.Endpoint{ServiceName: o.RemoteService})
		c.start = append(c.start, zipkin.WithSharedRemote(remote))
	}
	return c
}

// startSpan begins the span of one driver call, or returns nil when there is
// nothing to record: tracing disabled, no trace in ctx (unless NewTraces),
// or an unsampled trace. That path allocates nothing. The span is a leaf
// (zipkin.Tracer.StartLeaf): the driver is handed the caller's ctx, not a
// context holding the span, so the span's memory is reused once reported
// and a sampled call allocates nothing either.
func (c *config) startSpan(ctx context.Context, op, query string) *zipkin.Span {
	t := c.o.Tracer
	if t == nil {
		t = zipkin.Default()
	}
	if !t.Enabled() || ctx == nil {
		return nil
	}
	name := op
	if c.o.SpanName != nil {
		if !c.o.NewTraces {
			// ChildOnly would drop the span, but only after SpanName.
			if _, ok := zipkin.SpanContextFromContext(ctx); !ok {
				return nil
			}
		}
		name = c.o.SpanName(op, query)
	}
	span := t.StartLeaf(ctx, name, c.start...)
	if span != nil && query != "" && !c.o.OmitQuery {
		span.Tag(TagQuery, c.capQuery(query))
	}
	return span
}

// capQuery cuts q to at most maxQuery bytes at a rune boundary, marking
// the cut.
func (c *config) capQuery(q string) string {
	if len(q) <= c.maxQuery {
		return q
	}
	i := c.maxQuery
	for i > 0 && !utf8.RuneStart(q[i]) {
		i--
	}
	return q[:i] + "…"
}

// end records err on span, unless it is one of the driver's control
// values, and ends it.
func end(span *zipkin.Span, err error) {
	if span == nil {
		return
	}
	if err != nil {
		tagError(span, err)
	}
	span.End(nil)
}

func tagError(span *zipkin.Span, err error) {
	switch {
	case err == driver.ErrSkip: // database/sql compares with ==, so do we
		span.Tag(TagSkipped, "true")
	case errors.Is(err, driver.ErrBadConn):
		span.Tag(TagBadConn, "true")
	default:
		span.SetError(err)
	}
}
