// Package httprequest traces handlers whose context source is the
// *http.Request: the handler continues with the request carrying the span.
package httprequest

import (
	"context"
	"fmt"
	"net/http"
)

// Lookup is a traced callee that gets its parent from the request's ctx.
//
//zipkin:trace kind=client remote="users"
func Lookup(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", fmt.Errorf("no id")
	}
	return "user-" + id, nil
}

// Users serves /users.
type Users struct{}

// ServeHTTP is traced from r.
//
//zipkin:trace kind=server
//zipkin:tag http.path r.URL.Path
func (Users) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, err := Lookup(r.Context(), r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	fmt.Fprint(w, name)
}

// HandleFunc has the request under another name, plus a context: the
// context parameter wins over the request.
//
//zipkin:trace
func HandleFunc(ctx context.Context, w http.ResponseWriter, req *http.Request) {
	_, _ = Lookup(ctx, "ctx")
}

// Plain is a handler function with a request named req.
//
//zipkin:trace
func Plain(w http.ResponseWriter, req *http.Request) {
	_, _ = Lookup(req.Context(), "plain")
}
