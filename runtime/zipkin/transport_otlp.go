package zipkin

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// PartialSuccessError is what a Transport returns when the destination
// accepted a batch but rejected Rejected of its spans: OTLP's partial
// success. The batch is not sent again (OTLP forbids it); the rejected
// spans are counted as DropRejected and the others as Reported. With
// Rejected 0 it is a warning, and every span counts as reported.
type PartialSuccessError struct {
	Rejected int64  // spans the destination rejected
	Message  string // the destination's explanation, as it sent it
}

// maxPartialMessage bounds the explanation kept from a partial success and
// printed in logs.
const maxPartialMessage = 256

// Error describes the rejection. The collector's message is quoted, so it
// cannot write control characters or extra lines into our logs.
func (e *PartialSuccessError) Error() string {
	msg := e.Message
	if len(msg) > maxPartialMessage {
		msg = strings.ToValidUTF8(msg[:maxPartialMessage], "") + "…"
	}
	if e.Rejected > 0 {
		return fmt.Sprintf("collector rejected %d spans: %q", e.Rejected, msg)
	}
	return fmt.Sprintf("collector warned: %q", msg)
}

// otlpOutcome classifies an OTLP/HTTP response (opentelemetry-proto
// docs/specification.md, "OTLP/HTTP Response"): 2xx is success unless its
// ExportTraceServiceResponse reports a partial success; 429, 502, 503 and
// 504 are retried, honouring Retry-After; every other status is permanent,
// 5xx included, as OTLP requires.
func (t *httpTransport) otlpOutcome(resp *http.Response, now time.Time) error {
	code := resp.StatusCode
	if code < 200 || code >= 300 {
		err := statusError(code, resp.Header.Get("Retry-After"), now)
		if se, ok := err.(*SendError); ok && !otlpRetryable(code) {
			se.Permanent, se.RetryAfter = true, 0
		}
		return err
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		return nil // not the protobuf we sent: nothing we can read
	}
	t.otlpResp.Reset()
	n, err := t.otlpResp.ReadFrom(io.LimitReader(resp.Body, drainLimit+1))
	if err != nil {
		return nil // the status said accepted; a broken body cannot say otherwise
	}
	if n > drainLimit {
		return &SendError{StatusCode: code, Permanent: true,
			Err: fmt.Errorf("collector answered %d with a response over %d bytes: discarded", code, drainLimit)}
	}
	if ps, ok := parsePartialSuccess(t.otlpResp.Bytes()); ok {
		return ps
	}
	return nil
}

func otlpRetryable(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// parsePartialSuccess reads an ExportTraceServiceResponse. It reports
// false when b does not parse, or when its partial_success is absent or
// says nothing (no rejected spans, no message).
func parsePartialSuccess(b []byte) (*PartialSuccessError, bool) {
	var ps PartialSuccessError
	found := false
	err := walkProto(b, func(num, wire int, v uint64, p []byte) error {
		if num != otlpPartialSuccess || wire != wireBytes {
			return nil
		}
		found = true // embedded messages that repeat are merged
		return walkProto(p, func(num, wire int, v uint64, p []byte) error {
			switch {
			case num == otlpPartialRejectedSpans && wire == wireVarint:
				ps.Rejected = int64(v)
			case num == otlpPartialErrorMessage && wire == wireBytes:
				if len(p) > maxPartialMessage {
					p = p[:maxPartialMessage]
				}
				ps.Message = strings.ToValidUTF8(string(p), "\uFFFD")
			}
			return nil
		})
	})
	if err != nil || !found || (ps.Rejected == 0 && ps.Message == "") {
		return nil, false
	}
	return &ps, true
}

var errBadProto = errors.New("malformed protobuf")

// walkProto calls f for each field of the message in b: its number, wire
// type, and value (v for varint and fixed types, p for length-delimited
// ones, aliasing b). Groups and malformed input are errors.
func walkProto(b []byte, f func(num, wire int, v uint64, p []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 || key>>3 == 0 || key>>3 > 1<<29-1 {
			return errBadProto
		}
		b = b[n:]
		num, wire := int(key>>3), int(key&7)
		var v uint64
		var p []byte
		switch wire {
		case wireVarint:
			v, n = binary.Uvarint(b)
			if n <= 0 {
				return errBadProto
			}
			b = b[n:]
		case wireFixed64:
			if len(b) < 8 {
				return errBadProto
			}
			v, b = binary.LittleEndian.Uint64(b), b[8:]
		case wireFixed32:
			if len(b) < 4 {
				return errBadProto
			}
			v, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		case wireBytes:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errBadProto
			}
			p, b = b[n:n+int(l)], b[n+int(l):]
		default:
			return errBadProto
		}
		if err := f(num, wire, v, p); err != nil {
			return err
		}
	}
	return nil
}
