package app

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// Zipkingen is the service traced with zipkingen: zipkinhttp's middleware
// and client transport, and three functions instrumented by the generator
// with the default tracer.
type Zipkingen struct {
	Client     *http.Client // its Transport is zipkinhttp.Transport
	BackendURL string
}

// Handler returns the service's mux behind the server middleware.
func (s *Zipkingen) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(Route, func(w http.ResponseWriter, r *http.Request) {
		body, err := s.item(r.Context(), r.PathValue("id"))
		writeItem(w, body, err)
	})
	return zipkinhttp.Middleware(mux, zipkinhttp.ServerOptions{})
}

//zipkin:trace
//zipkin:tag item.raw_id raw
func (s *Zipkingen) item(ctx context.Context, raw string) (_ string, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "app.Zipkingen.item") //zipkin:generated results
	defer span.End(&zipkinErr)                           //zipkin:generated
	span.Tag("item.raw_id", raw)                         //zipkin:generated
	id, err := parseID(raw)
	if err != nil {
		return "", err
	}
	it, err := s.load(ctx, id)
	if err != nil {
		return "", err
	}
	//zipkin:annotate "loaded"
	span.Annotate("loaded") //zipkin:generated
	return s.render(ctx, it)
}

//zipkin:trace
//zipkin:tag item.id id
func (s *Zipkingen) load(ctx context.Context, id int) (_ Item, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "app.Zipkingen.load") //zipkin:generated results
	defer span.End(&zipkinErr)                           //zipkin:generated
	span.TagInt("item.id", int64(id))                    //zipkin:generated
	stock, err := getStock(ctx, s.Client, s.BackendURL, id)
	return Item{ID: id, Name: itemName(id), Stock: stock}, err
}

//zipkin:trace
func (s *Zipkingen) render(ctx context.Context, it Item) (_ string, err error) {
	ctx, span := zipkin.Start(ctx, "app.Zipkingen.render") //zipkin:generated results
	defer span.End(&err)                                   //zipkin:generated
	return renderItem(it), ctx.Err()
}
