package catalog

//go:generate go tool zipkingen

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Item is a product for sale; prices are in cents.
type Item struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// ErrNotFound is returned for an unknown item ID.
var ErrNotFound = errors.New("catalog: no such item")

// Catalog holds the items on sale. It is read-only once built.
type Catalog struct {
	items map[string]Item
}

// New returns a catalog with a few demo items, one of them too expensive
// for the payments service to accept (the demo's failing request).
func New() *Catalog {
	c := &Catalog{items: map[string]Item{}}
	for _, it := range []Item{
		{ID: "book", Name: "The Go Programming Language", Price: 3999},
		{ID: "mug", Name: "Gopher mug", Price: 1250},
		{ID: "gold-bar", Name: "Gold bar, 1 kg", Price: 7_500_000},
	} {
		c.items[it.ID] = it
	}
	return c
}

// Handler routes the catalog's HTTP API.
func (c *Catalog) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", c.serveItem)
	return mux
}

func (c *Catalog) serveItem(w http.ResponseWriter, r *http.Request) {
	item, err := c.Lookup(r.Context(), r.PathValue("id"))
	if errors.Is(err, ErrNotFound) {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(item)
}

// Lookup finds an item by ID, as if from a slow database.
//
//zipkin:trace kind=client remote="catalog-db"
//zipkin:tag item.id id
func (c *Catalog) Lookup(ctx context.Context, id string) (_ Item, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "catalog.Catalog.Lookup") //zipkin:generated results
	defer span.End(&zipkinErr)                               //zipkin:generated
	span.SetKind(zipkin.Client)                              //zipkin:generated
	span.SetRemoteService("catalog-db")                      //zipkin:generated
	span.Tag("item.id", id)                                  //zipkin:generated
	if err := pause(ctx, 2*time.Millisecond); err != nil {
		return Item{}, err
	}
	item, ok := c.items[id]
	if !ok {
		return Item{}, ErrNotFound
	}
	//zipkin:tag item.price item.Price
	span.TagInt("item.price", item.Price) //zipkin:generated
	return item, nil
}

// pause stands in for I/O latency, so traces have visible durations.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
