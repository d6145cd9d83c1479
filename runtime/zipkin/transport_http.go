package zipkin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SendError is how a Transport tells the batch reporter what to do about a
// failed attempt. Errors that are not a *SendError (network errors, for
// instance) are retried.
type SendError struct {
	// StatusCode is the HTTP status the destination answered, or 0.
	StatusCode int
	// Permanent means that sending the same batch again cannot succeed
	// (HTTP 400 and other 4xx but 429): the batch is dropped and counted
	// as DropRejected.
	Permanent bool
	// RetryAfter is how long the destination asked us to wait before the
	// next attempt (HTTP Retry-After), or 0.
	RetryAfter time.Duration
	// Err describes the failure.
	Err error
}

// Error describes the failure.
func (e *SendError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("status %d", e.StatusCode)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *SendError) Unwrap() error { return e.Err }

// drainLimit bounds how much of a response body is read before the
// connection is given up: enough for any collector's error message, and a
// collector that streams gigabytes costs us one connection, not memory.
const drainLimit = 64 << 10

// drainTimeout bounds the time spent reading a response body after its
// headers: collectors answer with a few bytes, sent with the headers.
const drainTimeout = time.Second

// httpTransport POSTs batches to a Zipkin collector, one attempt per Send.
type httpTransport struct {
	url       string
	client    *http.Client
	gzip      bool // bodies arrive already compressed
	ownClient bool // ours to clean up on Close

	otlp     bool         // an OTLP/HTTP receiver: its own retry rules and partial successes
	otlpResp bytes.Buffer // the last OTLP response body; Send is never concurrent
}

// Send POSTs body and classifies the outcome: nil for 2xx, a retryable
// *SendError for 5xx and 429, a permanent one for other statuses, and the
// client's error for network failures (retryable).
func (t *httpTransport) Send(ctx context.Context, body []byte, contentType string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return &SendError{Permanent: true, Err: errors.New("zipkin: collector URL does not parse")}
	}
	req.Header.Set("Content-Type", contentType)
	if t.gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	// Deny sampling, so that a collector instrumented with B3 does not
	// trace our reports and feed its own spans back into itself.
	req.Header.Set("b3", "0")
	resp, err := t.client.Do(req)
	if err != nil {
		// The error names the URL, query included: never print a secret.
		return redactError(err)
	}
	// The answer is known once the headers are in: a body that is still
	// trickling in after drainTimeout costs the connection, not the
	// batches queued behind this one.
	stop := time.AfterFunc(drainTimeout, cancel)
	defer stop.Stop()
	defer drainAndClose(resp.Body)
	if t.otlp {
		return t.otlpOutcome(resp, time.Now())
	}
	return statusError(resp.StatusCode, resp.Header.Get("Retry-After"), time.Now())
}

// drainAndClose reads what remains of a response body, up to drainLimit,
// so that the connection can be reused, then closes it. A longer or
// slower body loses the connection, never our memory or our time: reading
// stops at the request's deadline.
func drainAndClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit))
	_ = body.Close()
}

// statusError classifies an HTTP status. Only the status code is put in
// the error, never the collector's text: a hostile collector should not
// be able to write into our logs.
func statusError(code int, retryAfter string, now time.Time) error {
	if code >= 200 && code < 300 {
		return nil
	}
	e := &SendError{
		StatusCode: code,
		Err:        fmt.Errorf("collector answered %d %s", code, http.StatusText(code)),
	}
	if code == http.StatusTooManyRequests || code >= 500 {
		e.RetryAfter, _ = parseRetryAfter(retryAfter, now)
	} else {
		e.Permanent = true
	}
	return e
}

// maxRetryAfter bounds a parsed Retry-After so that arithmetic on it
// cannot overflow; the reporter caps it much lower (BackoffMax).
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter parses an HTTP Retry-After value: delay-seconds or an
// HTTP date (RFC 9110 §10.2.3). A date in the past means no wait. It
// reports false for anything else.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDigits(v) {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n > uint64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true // all digits, just too many of them
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(t.Sub(now), 0), maxRetryAfter), true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// CloseIdleConnections releases the connections of the reporter's own
// client; a client the user supplied is left alone.
func (t *httpTransport) CloseIdleConnections() {
	if t.ownClient {
		t.client.CloseIdleConnections()
	}
}

// newCollectorClient is the default client: like http.DefaultTransport,
// but with bounded response headers and no transparent decompression of
// responses (we only ever discard them).
func newCollectorClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           4,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		DisableCompression:     true,
	}}
}
