package main

import "net/http"

// TEMPORARY until runtime/zipkinhttp lands: the server middleware and the
// client transport that carry the trace between the services.

func tracedHandler(h http.Handler) http.Handler { return h }

func tracedClient() *http.Client { return &http.Client{} }
