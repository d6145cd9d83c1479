package zipkin

import "errors"

// TEMPORARY until the reporter engineer commits http_reporter.go/batch.go:
// the names the tracer codes against. Delete this file then.

// ReporterOptions configures the batching reporters.
type ReporterOptions struct {
	Encoding Encoding
	ErrorLog func(error)
}

// NewHTTPReporter is provided by http_reporter.go.
func NewHTTPReporter(url string, o ReporterOptions) (Reporter, error) {
	return nil, errors.New("zipkin: the HTTP reporter is not built yet")
}
