package chitest

import (
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

func getItem(w http.ResponseWriter, r *http.Request) { io.WriteString(w, chi.URLParam(r, "id")) }

// zipkinhttp.Middleware inside a chi router, where chi's route is known:
// spans are named "GET /items/{id}" and tagged http.route=/items/{id}.
func Example() {
	r := chi.NewRouter()
	r.Use(func(next http.Handler) http.Handler { return zipkinhttp.Middleware(next, zipkinhttp.ServerOptions{}) })
	r.Get("/items/{id}", getItem)
	_ = http.ListenAndServe("127.0.0.1:8080", r)
}
