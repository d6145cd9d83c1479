// Package payments is the example shop's payment service: it authorizes
// charges over HTTP. Large charges need a fraud review whose backend is down,
// so they fail with a 503: the demo's failing request.
package payments
