// Package httprequest traces handlers whose context source is the
// *http.Request: the handler continues with the request carrying the span.
package httprequest

import (
	"context"
	"fmt"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Lookup is a traced callee that gets its parent from the request's ctx.
//
//zipkin:trace kind=client remote="users"
func Lookup(ctx context.Context, id string) (_ string, err error) {
	_, span := zipkin.Start(ctx, "httprequest.Lookup") //zipkin:generated results
	defer span.End(&err)                               //zipkin:generated
	span.SetKind(zipkin.Client)                        //zipkin:generated
	span.SetRemoteService("users")                     //zipkin:generated
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
	r, span := zipkin.StartRequest(r, "httprequest.Users.ServeHTTP") //zipkin:generated
	defer span.End(nil)                                              //zipkin:generated
	span.SetKind(zipkin.Server)                                      //zipkin:generated
	if span.IsRecording() {                                          //zipkin:generated
		span.Tag("http.path", r.URL.Path) //zipkin:generated
	} //zipkin:generated
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
	ctx, span := zipkin.Start(ctx, "httprequest.HandleFunc") //zipkin:generated
	defer span.End(nil)                                      //zipkin:generated
	_, _ = Lookup(ctx, "ctx")
}

// Plain is a handler function with a request named req.
//
//zipkin:trace
func Plain(w http.ResponseWriter, req *http.Request) {
	req, span := zipkin.StartRequest(req, "httprequest.Plain") //zipkin:generated
	defer span.End(nil)                                        //zipkin:generated
	_, _ = Lookup(req.Context(), "plain")
}
