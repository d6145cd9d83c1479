// Package handler traces an HTTP handler from its request.
package handler

import (
	"fmt"
	"net/http"
)

// Hello greets; the handler continues with the request carrying the span.
//
//zipkin:trace kind=server
//zipkin:tag http.path r.URL.Path
func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	//zipkin:annotate "greeting"
	fmt.Fprintf(w, "hello %s", name)
}
