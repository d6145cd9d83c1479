// Package handler traces an HTTP handler from its request.
package handler

import (
	"fmt"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Hello greets; the handler continues with the request carrying the span.
//
//zipkin:trace kind=server
//zipkin:tag http.path r.URL.Path
func Hello(w http.ResponseWriter, r *http.Request) {
	r, span := zipkin.StartRequest(r, "handler.Hello") //zipkin:generated
	defer span.End(nil)                                //zipkin:generated
	span.SetKind(zipkin.Server)                        //zipkin:generated
	if span.IsRecording() {                            //zipkin:generated
		span.Tag("http.path", r.URL.Path) //zipkin:generated
	} //zipkin:generated
	name := r.URL.Query().Get("name")
	//zipkin:annotate "greeting"
	span.Annotate("greeting") //zipkin:generated
	fmt.Fprintf(w, "hello %s", name)
}
