// Package chisvc is a chi service: plain net/http handlers, the
// middleware registered inside the router with r.Use.
package chisvc

//go:generate go tool zipkingen

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/zipkingen/zipkingen/frameworks/store"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// getOrder joins the request's trace and continues with the request
// carrying its span.
//
//zipkin:trace
func getOrder(w http.ResponseWriter, r *http.Request) {
	r, span := zipkin.StartRequest(r, "chisvc.getOrder") //zipkin:generated
	defer span.End(nil)                                  //zipkin:generated
	o, err := store.Get(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write([]byte(o))
}

// New returns the router.
func New() http.Handler {
	r := chi.NewRouter()
	r.Use(func(next http.Handler) http.Handler {
		return zipkinhttp.Middleware(next, zipkinhttp.ServerOptions{})
	})
	r.Get("/orders/{id}", getOrder)
	return r
}
