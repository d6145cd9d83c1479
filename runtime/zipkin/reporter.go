package zipkin

import (
	"context"
	"net/netip"
	"strings"
	"time"
)

// Reporter receives finished, sampled spans. Implementations must never
// block the caller of Report: traced code calls it on its own goroutine.
type Reporter interface {
	// Report hands over a finished span. The span is immutable from here on.
	// A Reporter that the Tracer reports to directly may call s.Recycle()
	// once it has encoded or dropped the span and holds no reference to it,
	// so that spans begun with StartLeaf are reused.
	Report(s *Span)
	// Flush delivers everything reported so far, or returns ctx's error.
	Flush(ctx context.Context) error
	// Close flushes, then stops the reporter. Spans reported after Close are
	// counted as dropped (DropShutdown) and otherwise ignored.
	Close(ctx context.Context) error
}

// Transport sends one encoded batch of spans. It is how a custom
// destination (a message queue, a file) plugs into the batching reporter,
// as aiozipkin's create_custom does. Send should honour ctx (it carries
// the request timeout and Close's deadline); a failure is retried unless
// Send returns a *SendError that says it is permanent.
type Transport interface {
	Send(ctx context.Context, body []byte, contentType string) error
}

// Encoding selects the wire format of span batches.
type Encoding uint8

const (
	// JSON is Zipkin v2 JSON (application/json), the default.
	JSON Encoding = iota
	// Proto3 is Zipkin's zipkin.proto ListOfSpans (application/x-protobuf).
	Proto3
	// OTLP is OpenTelemetry's OTLP/HTTP ExportTraceServiceRequest
	// (application/x-protobuf), for a /v1/traces endpoint; see AppendOTLP
	// for how Zipkin's model maps onto it.
	OTLP
)

// String returns "json", "proto3" or "otlp".
func (e Encoding) String() string {
	switch e {
	case Proto3:
		return "proto3"
	case OTLP:
		return "otlp"
	}
	return "json"
}

// ContentType returns the HTTP content type of a batch in encoding e.
func (e Encoding) ContentType() string {
	if e == Proto3 || e == OTLP {
		return "application/x-protobuf"
	}
	return "application/json"
}

// Compression says whether the HTTP reporter gzips request bodies.
type Compression uint8

const (
	// CompressAuto, the zero value, gzips unless the collector's host is
	// "localhost" or a loopback IP address: a collector or agent on the same
	// machine gains nothing from smaller bodies, and gzip costs more CPU per
	// span than encoding it (about 1.7 µs per JSON span on the 2-core
	// machine of BENCHMARKS.md). The host name is not resolved.
	CompressAuto Compression = iota
	// CompressGzip always gzips.
	CompressGzip
	// CompressNone never gzips.
	CompressNone
)

// String returns "auto", "gzip" or "none", as ZIPKIN_COMPRESSION spells them.
func (c Compression) String() string {
	switch c {
	case CompressGzip:
		return "gzip"
	case CompressNone:
		return "none"
	}
	return "auto"
}

// gzipFor reports whether c compresses bodies sent to host (a URL's
// Hostname).
func (c Compression) gzipFor(host string) bool {
	switch c {
	case CompressGzip:
		return true
	case CompressNone:
		return false
	}
	return !isLoopbackHost(host)
}

// isLoopbackHost reports whether host names this machine without a DNS
// lookup: "localhost" (and its subdomains, RFC 6761) or a loopback IP.
func isLoopbackHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	addr, err := netip.ParseAddr(h)
	return err == nil && addr.Unmap().IsLoopback()
}

// DropReason says why a sampled span was not delivered.
type DropReason uint8

const (
	DropQueueFull        DropReason = iota // the reporter's queue (count or bytes) was full
	DropRejected                           // the collector answered 4xx other than 429 (OTLP: any status it does not retry), or rejected spans in an OTLP partial success
	DropRetriesExhausted                   // network errors, 5xx or 429 outlasted the retry budget
	DropShutdown                           // reported after Close, or still queued when Close's deadline passed
	DropEncoding                           // the span could not be encoded (e.g. larger than a batch)
	DropHandler                            // Options.SpanHandler returned false (or panicked)
	numDropReasons
)

// String names the reason as it appears in Stats and expvar.
func (r DropReason) String() string {
	switch r {
	case DropQueueFull:
		return "queue_full"
	case DropRejected:
		return "rejected"
	case DropRetriesExhausted:
		return "retries_exhausted"
	case DropShutdown:
		return "shutdown"
	case DropEncoding:
		return "encoding"
	case DropHandler:
		return "handler"
	}
	return "unknown"
}

// ReporterStats are a reporter's counters. Reporters that keep them
// implement interface{ ReporterStats() ReporterStats }, and Tracer.Stats
// includes them.
type ReporterStats struct {
	Reported      uint64                 // spans accepted by the collector (2xx)
	Dropped       [numDropReasons]uint64 // indexed by DropReason
	BytesSent     uint64                 // bytes that reached the collector (the bodies of Requests), after compression
	Requests      uint64                 // requests the collector answered (2xx or another status); failed dials and timeouts are not counted
	LastError     string                 // the most recent delivery error, "" if none
	LastErrorTime time.Time
	QueuedSpans   uint64 // spans held now: queued, being encoded or being sent
	QueuedBytes   uint64 // their estimated memory, never above ReporterOptions.QueueBytes
}

// TotalDropped is the sum of Dropped over all reasons.
func (s ReporterStats) TotalDropped() uint64 {
	var n uint64
	for _, d := range s.Dropped {
		n += d
	}
	return n
}
