package app

import (
	"context"
	"net/http"
	"strconv"
	"time"

	zipkingo "github.com/openzipkin/zipkin-go"
	zgmiddleware "github.com/openzipkin/zipkin-go/middleware/http"
)

// ZipkinGo is the service traced by hand with zipkin-go: its server
// middleware and client transport, and the same three spans as Zipkingen.
type ZipkinGo struct {
	Tracer     *zipkingo.Tracer
	Client     *http.Client // its Transport is zipkin-go's NewTransport
	BackendURL string
}

// Handler returns the service's mux behind zipkin-go's server middleware.
func (s *ZipkinGo) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(Route, func(w http.ResponseWriter, r *http.Request) {
		body, err := s.item(r.Context(), r.PathValue("id"))
		writeItem(w, body, err)
	})
	return zgmiddleware.NewServerMiddleware(s.Tracer, zgmiddleware.SpanName("GET /items/{id}"))(mux)
}

func (s *ZipkinGo) item(ctx context.Context, raw string) (_ string, err error) {
	span, ctx := s.Tracer.StartSpanFromContext(ctx, "app.ZipkinGo.item")
	defer finishZipkinGo(span, &err)
	span.Tag("item.raw_id", raw)
	id, err := parseID(raw)
	if err != nil {
		return "", err
	}
	it, err := s.load(ctx, id)
	if err != nil {
		return "", err
	}
	span.Annotate(time.Now(), "loaded")
	return s.render(ctx, it)
}

func (s *ZipkinGo) load(ctx context.Context, id int) (_ Item, err error) {
	span, ctx := s.Tracer.StartSpanFromContext(ctx, "app.ZipkinGo.load")
	defer finishZipkinGo(span, &err)
	span.Tag("item.id", strconv.Itoa(id))
	stock, err := getStock(ctx, s.Client, s.BackendURL, id)
	return Item{ID: id, Name: itemName(id), Stock: stock}, err
}

func (s *ZipkinGo) render(ctx context.Context, it Item) (_ string, err error) {
	span, ctx := s.Tracer.StartSpanFromContext(ctx, "app.ZipkinGo.render")
	defer finishZipkinGo(span, &err)
	return renderItem(it), ctx.Err()
}

// finishZipkinGo records *errp as the error tag and finishes span.
func finishZipkinGo(span zipkingo.Span, errp *error) {
	if *errp != nil {
		zipkingo.TagError.Set(span, (*errp).Error())
	}
	span.Finish()
}
