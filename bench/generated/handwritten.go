package generated

import (
	"context"
	"strconv"
	"time"

	zipkingo "github.com/openzipkin/zipkin-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// The hand-written versions of Lookup keep their tracer in a package
// variable, as hand-instrumented code usually does; the benchmark sets them.
var (
	ZipkinGoTracer *zipkingo.Tracer
	OTelTracer     trace.Tracer
)

// LookupZipkinGo is Lookup instrumented by hand with zipkin-go, recording
// the same span: the same name, tags, annotation and error.
func LookupZipkinGo(ctx context.Context, id string) (n int, err error) {
	span, ctx := ZipkinGoTracer.StartSpanFromContext(ctx, "generated.Lookup")
	defer func() {
		if err != nil {
			zipkingo.TagError.Set(span, err.Error())
		}
		span.Finish()
	}()
	span.Tag("user.id", id)
	if id == "" {
		return 0, ErrEmptyID
	}
	span.Annotate(time.Now(), "cache miss")
	n = checksum(id)
	span.Tag("lookup.sum", strconv.Itoa(n))
	return n, ctx.Err()
}

// LookupOTel is Lookup instrumented by hand with OpenTelemetry: attributes
// for tags, an event for the annotation, the error recorded as status.
func LookupOTel(ctx context.Context, id string) (n int, err error) {
	ctx, span := OTelTracer.Start(ctx, "generated.Lookup", trace.WithAttributes(attribute.String("user.id", id)))
	defer func() {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	if id == "" {
		return 0, ErrEmptyID
	}
	span.AddEvent("cache miss")
	n = checksum(id)
	span.SetAttributes(attribute.Int("lookup.sum", n))
	return n, ctx.Err()
}

// LookupUntraced is Lookup without any instrumentation: the floor.
func LookupUntraced(ctx context.Context, id string) (int, error) {
	if id == "" {
		return 0, ErrEmptyID
	}
	n := checksum(id)
	return n, ctx.Err()
}
