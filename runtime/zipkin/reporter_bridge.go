package zipkin

// newHTTPReporterFor builds the reporter for an http(s) endpoint, routing
// its delivery errors to the tracer's rate-limited log.
func newHTTPReporterFor(url string, enc Encoding, c Compression, errorLog func(error)) (Reporter, error) {
	return NewHTTPReporter(url, ReporterOptions{Encoding: enc, Compression: c, ErrorLog: errorLog})
}
