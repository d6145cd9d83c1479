package zipkin

import (
	"errors"
	"net/url"
)

// defaultSpansPath is where Zipkin-compatible collectors accept v2 spans.
const defaultSpansPath = "/api/v2/spans"

// NewHTTPReporter returns a batching Reporter that POSTs spans to a
// Zipkin-compatible collector at endpoint, such as
// http://localhost:9411/api/v2/spans (a URL without a path gets
// /api/v2/spans). Bodies are gzip-compressed as o.Compression says (by
// default, unless the collector is on this machine); 2xx
// answers are success; network errors, 5xx and 429 are retried with
// backoff, honouring Retry-After; other 4xx drop the batch (DropRejected).
// The reporter runs two goroutines until Close.
//
// With Encoding OTLP it POSTs to an OTLP/HTTP receiver such as
// http://localhost:4318/v1/traces (a URL without a path gets /v1/traces;
// a /v1/traces URL selects OTLP when Encoding is JSON) under OTLP's
// rules: only 429, 502, 503, 504 and network errors are retried, and the
// spans a partial success rejects are counted as DropRejected.
func NewHTTPReporter(endpoint string, o ReporterOptions) (Reporter, error) {
	endpoint, o.Encoding = otlpEndpoint(endpoint, endpoint, o.Encoding)
	u, host, err := collectorURL(endpoint)
	if err != nil {
		return nil, errors.Join(err, o.validate())
	}
	t := &httpTransport{url: u, client: o.HTTPClient, gzip: o.Compression.gzipFor(host), otlp: o.Encoding == OTLP}
	if t.client == nil {
		t.client, t.ownClient = newCollectorClient(), true
	}
	r, err := newBatchReporter(t, o, t.gzip)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// collectorURL checks endpoint and adds the default path to a bare
// http://host:port; it also returns the URL's host name. Errors never
// repeat the URL: it may hold a password.
func collectorURL(endpoint string) (string, string, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", "", errors.New("zipkin: collector URL does not parse")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", "", errors.New("zipkin: collector URL must start with http:// or https://")
	}
	if u.Host == "" {
		return "", "", errors.New("zipkin: collector URL has no host")
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = defaultSpansPath
	}
	return u.String(), u.Hostname(), nil
}
