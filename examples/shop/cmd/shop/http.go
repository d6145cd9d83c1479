package main

import (
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// tracedHandler records a SERVER span per request, joining the caller's
// trace from the B3 (or W3C, or uber-trace-id) headers.
func tracedHandler(h http.Handler) http.Handler {
	return zipkinhttp.Middleware(h, zipkinhttp.ServerOptions{})
}

// tracedClient records a CLIENT span per request to the service remote and
// injects the trace into the request headers; remote may be empty when one
// client calls several services (the span then names only the host).
func tracedClient(remote string) *http.Client {
	return &http.Client{Transport: zipkinhttp.Transport(nil, zipkinhttp.ClientOptions{RemoteService: remote})}
}
