package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// result is the outcome of one driven request.
type result struct {
	Path    string `json:"path"`
	Status  int    `json:"status"`
	TraceID string `json:"trace_id"`
}

// requests are what the driver sends, with the status each must get: the
// last one exceeds the payments review threshold and fails with a 502.
var requests = []struct {
	path string
	want int
}{
	{"/items/mug", http.StatusOK},
	{"/buy/book", http.StatusOK},
	{"/buy/gold-bar", http.StatusBadGateway},
}

// drive sends the requests to the frontend, one trace each.
func drive(frontendURL string) ([]result, error) {
	client := tracedClient("frontend")
	var results []result
	var errs []error
	for _, rq := range requests {
		status, traceID, err := visit(context.Background(), client, frontendURL, rq.path)
		results = append(results, result{Path: rq.path, Status: status, TraceID: traceID})
		if err == nil && status != rq.want {
			err = fmt.Errorf("GET %s: status %d, want %d", rq.path, status, rq.want)
		}
		errs = append(errs, err)
	}
	return results, errors.Join(errs...)
}

// visit is one customer request, the root span of its trace.
//
//zipkin:trace
//zipkin:tag shop.path path
func visit(ctx context.Context, client *http.Client, baseURL, path string) (status int, traceID string, err error) {
	ctx, span := zipkin.Start(ctx, "main.visit") //zipkin:generated
	defer span.End(&err)                         //zipkin:generated
	span.Tag("shop.path", path)                  //zipkin:generated
	if sc, ok := zipkin.SpanContextFromContext(ctx); ok {
		traceID = sc.TraceID.String()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+path, nil)
	if err != nil {
		return 0, traceID, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, traceID, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, traceID, err
}
