package zipkinhttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// responseWriter records the status code a handler sends. It implements
// the optional interfaces handlers assert on (http.Flusher, http.Hijacker,
// http.Pusher, io.ReaderFrom, io.StringWriter) by delegating, and Unwrap for
// http.ResponseController, so wrapping never hides a capability of the
// underlying writer: when that writer lacks one, the method reports
// http.ErrNotSupported (or, for Flush, does nothing), which is what a
// handler would see without the middleware.
type responseWriter struct {
	w        http.ResponseWriter
	status   int
	hijacked bool
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (rw *responseWriter) Unwrap() http.ResponseWriter { return rw.w }

func (rw *responseWriter) Header() http.Header { return rw.w.Header() }

func (rw *responseWriter) WriteHeader(code int) {
	// 1xx responses other than 101 are informational: the final status
	// comes later.
	if rw.status == 0 && (code < 100 || code > 199 || code == http.StatusSwitchingProtocols) {
		rw.status = code
	}
	rw.w.WriteHeader(code)
}

func (rw *responseWriter) Write(b []byte) (int, error) {
	rw.wrote()
	return rw.w.Write(b)
}

// WriteString implements io.StringWriter, which the underlying writer of
// net/http has: io.WriteString(w, s) then writes s without copying it into
// a new byte slice first.
func (rw *responseWriter) WriteString(s string) (int, error) {
	rw.wrote()
	return io.WriteString(rw.w, s)
}

// wrote records the implicit 200 of a body written without WriteHeader.
func (rw *responseWriter) wrote() {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
}

// statusCode is the status sent, the implicit 200 of a handler that wrote
// nothing, or 0 after a hijack (the handler owns the connection).
func (rw *responseWriter) statusCode() int {
	switch {
	case rw.status != 0:
		return rw.status
	case rw.hijacked:
		return 0
	}
	return http.StatusOK
}

// Flush implements http.Flusher.
func (rw *responseWriter) Flush() { _ = rw.FlushError() }

// FlushError is what http.ResponseController.Flush calls, so an error of
// the underlying writer reaches the caller.
func (rw *responseWriter) FlushError() error {
	rw.wrote()
	return http.NewResponseController(rw.w).Flush()
}

// Hijack implements http.Hijacker.
func (rw *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, buf, err := http.NewResponseController(rw.w).Hijack()
	if err == nil {
		rw.hijacked = true
	}
	return conn, buf, err
}

// Push implements http.Pusher.
func (rw *responseWriter) Push(target string, opts *http.PushOptions) error {
	if p, ok := rw.w.(http.Pusher); ok {
		return p.Push(target, opts)
	}
	return http.ErrNotSupported
}

// ReadFrom implements io.ReaderFrom, keeping the underlying writer's
// sendfile path for io.Copy of files.
func (rw *responseWriter) ReadFrom(src io.Reader) (int64, error) {
	rw.wrote()
	if rf, ok := rw.w.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(writerOnly{rw.w}, src)
}

// writerOnly hides ReadFrom so io.Copy does not call back into it.
type writerOnly struct{ io.Writer }
