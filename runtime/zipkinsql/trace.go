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
	// remote is Options.RemoteService prepared once, so that a span whose
	// only extra is the remote endpoint shares it instead of allocating
	// an extension of its own; nil without a RemoteService.
	remote *zipkin.SharedRemote
}

func newConfig(o Options) *config {
	c := &config{o: o, maxQuery: o.MaxQueryBytes}
	if c.maxQuery <= 0 {
		c.maxQuery = DefaultMaxQueryBytes
	}
	if o.RemoteService != "" {
		c.remote = zipkin.NewSharedRemote(zipkin.Endpoint{ServiceName: o.RemoteService})
	}
	return c
}

// start begins the span of one driver call, or returns ctx and nil when
// there is nothing to record: tracing disabled, no trace in ctx (unless
// NewTraces), or an unsampled trace. That path allocates nothing.
func (c *config) start(ctx context.Context, op, query string) (context.Context, *zipkin.Span) {
	t := c.o.Tracer
	if t == nil {
		t = zipkin.Default()
	}
	if !t.Enabled() || ctx == nil {
		return ctx, nil
	}
	if !c.o.NewTraces {
		if _, ok := zipkin.SpanContextFromContext(ctx); !ok {
			return ctx, nil
		}
	}
	name := op
	if c.o.SpanName != nil {
		name = c.o.SpanName(op, query)
	}
	var span *zipkin.Span
	if c.remote != nil {
		ctx, span = t.Start(ctx, name, zipkin.WithKind(zipkin.Client), zipkin.WithSharedRemote(c.remote))
	} else {
		ctx, span = t.Start(ctx, name, zipkin.WithKind(zipkin.Client))
	}
	if span != nil && query != "" && !c.o.OmitQuery {
		span.Tag(TagQuery, c.capQuery(query))
	}
	return ctx, span
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
