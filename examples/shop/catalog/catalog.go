package catalog

//go:generate go tool zipkingen

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"github.com/zipkingen/zipkingen/runtime/zipkinsql"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// Item is a product for sale; prices are in cents.
type Item struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// ErrNotFound is returned for an unknown item ID.
var ErrNotFound = errors.New("catalog: no such item")

// Catalog serves the items on sale from an SQLite database in memory,
// read through zipkinsql, so each query is a CLIENT span to catalog-db
// under the lookup's span.
type Catalog struct {
	db *sql.DB
}

// seed is the demo's stock, one item too expensive for the payments
// service to accept (the demo's failing request).
var seed = []Item{
	{ID: "book", Name: "The Go Programming Language", Price: 3999},
	{ID: "mug", Name: "Gopher mug", Price: 1250},
	{ID: "gold-bar", Name: "Gold bar, 1 kg", Price: 7_500_000},
}

var databases atomic.Int64

// Open creates the catalog's database in memory and stocks it.
func Open() (*Catalog, error) {
	// A named in-memory database shared by the pool's connections; it lives
	// as long as one of them is open, so the pool keeps one at least.
	dsn := fmt.Sprintf("file:catalog%d?mode=memory&cache=shared", databases.Add(1))
	db, err := zipkinsql.Open("sqlite", dsn, zipkinsql.Options{RemoteService: "catalog-db"})
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	// Stocking happens outside any trace: zipkinsql records nothing without
	// a parent span.
	if _, err := db.Exec("CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL)"); err != nil {
		db.Close()
		return nil, err
	}
	for _, it := range seed {
		if _, err := db.Exec("INSERT INTO items (id, name, price) VALUES (?, ?, ?)", it.ID, it.Name, it.Price); err != nil {
			db.Close()
			return nil, err
		}
	}
	return &Catalog{db: db}, nil
}

// Close closes the database.
func (c *Catalog) Close() error { return c.db.Close() }

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
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(item)
}

// Lookup finds an item by ID.
//
//zipkin:trace
//zipkin:tag item.id id
func (c *Catalog) Lookup(ctx context.Context, id string) (item Item, err error) {
	ctx, span := zipkin.Start(ctx, "catalog.Catalog.Lookup") //zipkin:generated
	defer span.End(&err)                                     //zipkin:generated
	span.Tag("item.id", id)                                  //zipkin:generated
	err = c.db.QueryRowContext(ctx, "SELECT id, name, price FROM items WHERE id = ?", id).Scan(&item.ID, &item.Name, &item.Price)
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, ErrNotFound
	}
	if err != nil {
		return Item{}, err
	}
	//zipkin:tag item.price item.Price
	span.TagInt("item.price", item.Price) //zipkin:generated
	return item, nil
}
