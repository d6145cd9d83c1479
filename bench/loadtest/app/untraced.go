package app

import (
	"context"
	"net/http"
)

// Untraced is the service without tracing: the baseline of every ratio.
type Untraced struct {
	Client     *http.Client
	BackendURL string
}

// Handler returns the service's mux.
func (s *Untraced) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(Route, func(w http.ResponseWriter, r *http.Request) {
		body, err := s.item(r.Context(), r.PathValue("id"))
		writeItem(w, body, err)
	})
	return mux
}

func (s *Untraced) item(ctx context.Context, raw string) (string, error) {
	id, err := parseID(raw)
	if err != nil {
		return "", err
	}
	it, err := s.load(ctx, id)
	if err != nil {
		return "", err
	}
	return renderItem(it), ctx.Err()
}

func (s *Untraced) load(ctx context.Context, id int) (Item, error) {
	stock, err := getStock(ctx, s.Client, s.BackendURL, id)
	return Item{ID: id, Name: itemName(id), Stock: stock}, err
}
