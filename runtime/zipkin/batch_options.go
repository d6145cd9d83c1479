package zipkin

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Defaults of ReporterOptions. They are sized for about 200,000 spans/s to
// a nearby collector while holding at most DefaultQueueBytes of spans in
// memory when the collector is slow or away.
const (
	DefaultBatchSpans      = 1000
	DefaultBatchBytes      = 1 << 20 // 1 MiB, before compression
	DefaultFlushInterval   = time.Second
	DefaultQueueSpans      = 100_000
	DefaultQueueBytes      = 16 << 20 // 16 MiB
	DefaultTimeout         = 10 * time.Second
	DefaultMaxRetries      = 5
	DefaultMaxRetryElapsed = time.Minute
	DefaultBackoffBase     = 100 * time.Millisecond
	DefaultBackoffMax      = 10 * time.Second
)

// ReporterOptions configure NewBatchReporter and NewHTTPReporter. The zero
// value of every field selects a documented default, so ReporterOptions{}
// is a good configuration.
type ReporterOptions struct {
	// Encoding is the wire format of batches. Zero is JSON.
	Encoding Encoding

	// BatchSpans is the most spans sent in one request.
	// Zero means DefaultBatchSpans.
	BatchSpans int
	// BatchBytes is the most encoded bytes (before compression) in one
	// request. A span that alone encodes larger is dropped (DropEncoding).
	// Zero means DefaultBatchBytes.
	BatchBytes int
	// FlushInterval is the longest a reported span waits before its batch
	// is sent, when batches do not fill up sooner.
	// Zero means DefaultFlushInterval.
	FlushInterval time.Duration

	// QueueSpans caps the spans held by the reporter (queued, being
	// encoded, or being sent and retried). Over the cap, Report drops the
	// span and counts it as DropQueueFull. Zero means DefaultQueueSpans.
	QueueSpans int
	// QueueBytes caps the memory of the spans held by the reporter, each
	// counted by an estimate of its size. Over the cap, Report drops the
	// span and counts it as DropQueueFull. Zero means DefaultQueueBytes.
	// Encode buffers come on top: three batches of at most BatchBytes
	// each (compressed, unless compression is off), and one gzip
	// compressor (about 800 kB). So does what a held span keeps
	// reachable without owning it: the context a local root was started
	// from (for a server span, the request's contexts, a few hundred bytes).
	QueueBytes int

	// Timeout bounds one request (or Transport.Send call), from dialing to
	// reading the end of the response. Zero means DefaultTimeout.
	Timeout time.Duration
	// MaxRetries is how often a failed batch is sent again after its first
	// attempt. Network errors, 5xx and 429 are retried; other 4xx never.
	// Zero means DefaultMaxRetries; a negative value disables retries.
	MaxRetries int
	// MaxRetryElapsed stops retrying a batch when the next attempt would
	// start this long after its first one. Zero means DefaultMaxRetryElapsed.
	MaxRetryElapsed time.Duration
	// BackoffBase is the wait before the first retry; each further retry
	// doubles it, up to BackoffMax. Every wait is jittered down by up to a
	// half, so that many processes do not retry in step.
	// Zero means DefaultBackoffBase.
	BackoffBase time.Duration
	// BackoffMax caps one wait between attempts, including a wait asked
	// for by the collector with Retry-After. Zero means DefaultBackoffMax.
	BackoffMax time.Duration

	// Compression says whether HTTP request bodies are gzipped. The zero
	// value, CompressAuto, gzips unless the collector is on this machine.
	// Custom Transports always receive uncompressed batches.
	Compression Compression
	// HTTPClient sends the requests of NewHTTPReporter. Nil means a client
	// of the reporter's own, with bounded header sizes and dial timeouts.
	HTTPClient *http.Client
	// ErrorLog receives delivery errors, at most one call per failed
	// attempt. It is called from the reporter's goroutine and must not
	// block. Nil means a log to os.Stderr of at most one line per 10 s.
	ErrorLog func(error)
}

// withDefaults returns o with zero fields replaced by their defaults.
func (o ReporterOptions) withDefaults() ReporterOptions {
	setInt := func(p *int, d int) {
		if *p == 0 {
			*p = d
		}
	}
	setDur := func(p *time.Duration, d time.Duration) {
		if *p == 0 {
			*p = d
		}
	}
	setInt(&o.BatchSpans, DefaultBatchSpans)
	setInt(&o.BatchBytes, DefaultBatchBytes)
	setInt(&o.QueueSpans, DefaultQueueSpans)
	setInt(&o.QueueBytes, DefaultQueueBytes)
	setInt(&o.MaxRetries, DefaultMaxRetries)
	setDur(&o.FlushInterval, DefaultFlushInterval)
	setDur(&o.Timeout, DefaultTimeout)
	setDur(&o.MaxRetryElapsed, DefaultMaxRetryElapsed)
	setDur(&o.BackoffBase, DefaultBackoffBase)
	setDur(&o.BackoffMax, DefaultBackoffMax)
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	return o
}

// validate reports every invalid field of o at once. It runs on the
// options as given, before defaults, so that a negative value is an error
// rather than silently replaced.
func (o ReporterOptions) validate() error {
	var errs []error
	if o.Encoding > OTLP {
		errs = append(errs, fmt.Errorf("zipkin: unknown Encoding %d", o.Encoding))
	}
	if o.Compression > CompressNone {
		errs = append(errs, fmt.Errorf("zipkin: unknown Compression %d", o.Compression))
	}
	nonNegative := func(name string, v int64) {
		if v < 0 {
			errs = append(errs, fmt.Errorf("zipkin: %s must not be negative, got %d", name, v))
		}
	}
	nonNegative("BatchSpans", int64(o.BatchSpans))
	nonNegative("BatchBytes", int64(o.BatchBytes))
	nonNegative("QueueSpans", int64(o.QueueSpans))
	nonNegative("QueueBytes", int64(o.QueueBytes))
	nonNegative("FlushInterval", int64(o.FlushInterval))
	nonNegative("Timeout", int64(o.Timeout))
	nonNegative("MaxRetryElapsed", int64(o.MaxRetryElapsed))
	nonNegative("BackoffBase", int64(o.BackoffBase))
	nonNegative("BackoffMax", int64(o.BackoffMax))
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	d := o.withDefaults()
	if d.BatchSpans > d.QueueSpans {
		errs = append(errs, fmt.Errorf("zipkin: BatchSpans (%d) exceeds QueueSpans (%d): batches could never fill", d.BatchSpans, d.QueueSpans))
	}
	if d.FlushInterval < time.Millisecond {
		errs = append(errs, fmt.Errorf("zipkin: FlushInterval (%v) is under a millisecond: the encoder would spin", d.FlushInterval))
	}
	if d.BackoffBase > d.BackoffMax {
		errs = append(errs, fmt.Errorf("zipkin: BackoffBase (%v) exceeds BackoffMax (%v)", d.BackoffBase, d.BackoffMax))
	}
	return errors.Join(errs...)
}
