package zipkinhttp_test

import (
	"io"
	"log"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// A server traced by route, with health checks left out, calling another
// service through a traced client.
func ExampleMiddleware() {
	client := &http.Client{Transport: zipkinhttp.Transport(nil, zipkinhttp.ClientOptions{RemoteService: "inventory"})}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		// r.Context() carries the server span: the client span is its child.
		req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://inventory:8080/stock/"+r.PathValue("id"), nil)
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	})

	handler := zipkinhttp.Middleware(mux, zipkinhttp.ServerOptions{SkipPaths: []string{"/healthz"}})
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", handler))
}
