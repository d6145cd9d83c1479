package app

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// OTel is the service traced by hand with OpenTelemetry: otelhttp's
// handler and transport (set up by the caller), and the same three spans.
type OTel struct {
	Tracer     trace.Tracer
	Client     *http.Client // its Transport is otelhttp.NewTransport
	BackendURL string
}

// Mux returns the service's mux; the caller wraps it in otelhttp.NewHandler.
func (s *OTel) Mux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc(Route, func(w http.ResponseWriter, r *http.Request) {
		body, err := s.item(r.Context(), r.PathValue("id"))
		writeItem(w, body, err)
	})
	return mux
}

func (s *OTel) item(ctx context.Context, raw string) (_ string, err error) {
	ctx, span := s.Tracer.Start(ctx, "app.OTel.item", trace.WithAttributes(attribute.String("item.raw_id", raw)))
	defer endOTel(span, &err)
	id, err := parseID(raw)
	if err != nil {
		return "", err
	}
	it, err := s.load(ctx, id)
	if err != nil {
		return "", err
	}
	span.AddEvent("loaded")
	return s.render(ctx, it)
}

func (s *OTel) load(ctx context.Context, id int) (_ Item, err error) {
	ctx, span := s.Tracer.Start(ctx, "app.OTel.load", trace.WithAttributes(attribute.Int("item.id", id)))
	defer endOTel(span, &err)
	stock, err := getStock(ctx, s.Client, s.BackendURL, id)
	return Item{ID: id, Name: itemName(id), Stock: stock}, err
}

func (s *OTel) render(ctx context.Context, it Item) (_ string, err error) {
	ctx, span := s.Tracer.Start(ctx, "app.OTel.render")
	defer endOTel(span, &err)
	return renderItem(it), ctx.Err()
}

// endOTel records *errp on span and ends it.
func endOTel(span trace.Span, errp *error) {
	if *errp != nil {
		span.RecordError(*errp)
		span.SetStatus(codes.Error, (*errp).Error())
	}
	span.End()
}
