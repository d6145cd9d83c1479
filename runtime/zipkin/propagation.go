package zipkin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Format is a trace-context propagation format.
type Format uint8

const (
	// B3Multi is Zipkin's X-B3-* headers ("b3" in ZIPKIN_PROPAGATION), the
	// default: every Zipkin-era tracer reads it.
	B3Multi Format = iota
	// B3Single is the single "b3" header ("b3single").
	B3Single
	// W3C is W3C Trace Context: traceparent and tracestate ("w3c").
	W3C
	// Uber is Jaeger's uber-trace-id header ("uber").
	Uber
)

// String returns the format's ZIPKIN_PROPAGATION name.
func (f Format) String() string {
	switch f {
	case B3Multi:
		return "b3"
	case B3Single:
		return "b3single"
	case W3C:
		return "w3c"
	case Uber:
		return "uber"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// ParseFormat returns the format named name ("b3", "b3single", "w3c" or
// "uber", any case).
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "b3":
		return B3Multi, nil
	case "b3single":
		return B3Single, nil
	case "w3c":
		return W3C, nil
	case "uber":
		return Uber, nil
	}
	return 0, fmt.Errorf("unknown propagation format %q (want b3, b3single, w3c or uber)", name)
}

// ParseFormats parses a ZIPKIN_PROPAGATION value: a comma-separated list
// of format names. Empty items and duplicates are dropped; an empty list
// is an error, since injecting nothing is never what a user means.
func ParseFormats(list string) ([]Format, error) {
	var out []Format
	var errs []error
	for item := range strings.SplitSeq(list, ",") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		f, err := ParseFormat(item)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !containsFormat(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, errors.New("no propagation format listed"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func containsFormat(list []Format, f Format) bool {
	for _, x := range list {
		if x == f {
			return true
		}
	}
	return false
}

// Carrier is where a trace context travels: HTTP headers, message
// metadata. Get returns "" for an absent key. Keys are given in lower case,
// which the B3 specification prefers for case-sensitive transports.
type Carrier interface {
	Get(key string) string
	Set(key, value string)
}

// HeaderCarrier adapts http.Header to Carrier; keys are canonicalized as
// http.Header always does.
type HeaderCarrier http.Header

// Get returns the first value of key.
func (c HeaderCarrier) Get(key string) string { return http.Header(c).Get(key) }

// Set replaces the values of key.
func (c HeaderCarrier) Set(key, value string) { http.Header(c).Set(key, value) }

// MapCarrier adapts a string map, such as message attributes, to Carrier.
// Get tries the exact key first, then any key that differs only in case,
// so maps filled by other tracers with "X-B3-TraceId" are read too.
type MapCarrier map[string]string

// Get returns the value of key, matched exactly or else ignoring case.
func (c MapCarrier) Get(key string) string {
	if v, ok := c[key]; ok {
		return v
	}
	for k, v := range c {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return ""
}

// Set stores value under key.
func (c MapCarrier) Set(key, value string) { c[key] = value }

// deleteAnyCase removes key in every spelling, so that Get's
// case-insensitive fallback cannot find a stale value.
func (c MapCarrier) deleteAnyCase(key string) {
	for k := range c {
		if strings.EqualFold(k, key) {
			delete(c, k)
		}
	}
}

// The carrier keys, in lower case.
const (
	keyB3          = "b3"
	keyTraceID     = "x-b3-traceid"
	keySpanID      = "x-b3-spanid"
	keyParentID    = "x-b3-parentspanid"
	keySampled     = "x-b3-sampled"
	keyFlags       = "x-b3-flags"
	keyTraceparent = "traceparent"
	keyTracestate  = "tracestate"
	keyUber        = "uber-trace-id"
)
