package zipkin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/netip"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Tracer. The zero value is a disabled tracer; setting
// Endpoint or Reporter enables it.
type Options struct {
	// ServiceName is the local endpoint's service name. Empty: the base
	// name of the running executable.
	ServiceName string
	// LocalAddr and LocalPort describe the local endpoint further. The
	// zero values are absent on the wire.
	LocalAddr netip.Addr
	LocalPort uint16

	// Endpoint is where spans go: a collector URL ("http://host:9411" gets
	// the path /api/v2/spans), or "stderr" or "stdout" for the debug
	// reporter, which prints each finished trace as a tree. Empty (and no
	// Reporter): tracing is disabled.
	Endpoint string
	// Reporter, when set, receives the spans instead of Endpoint (which
	// must then be empty): a custom or in-memory reporter.
	Reporter Reporter
	// Encoding is the wire format for an http(s) Endpoint. Zero: JSON,
	// or OTLP when the Endpoint's path ends in /v1/traces.
	Encoding Encoding
	// Compression says whether bodies sent to an http(s) Endpoint are
	// gzipped. Zero (CompressAuto): unless the collector is on this machine.
	Compression Compression

	// SampleRate is the fraction of new traces recorded, in [0, 1], decided
	// from the trace ID so that services with the same rate agree. Nil
	// means 1 (every trace); traces sampled upstream are recorded
	// regardless.
	SampleRate *float64

	// Sampler, when set, decides new traces instead of SampleRate (which
	// must then be nil): ProbabilitySampler, RateLimitedSampler or your
	// own. ZIPKIN_SAMPLE_RATE=N/s sets a RateLimitedSampler.
	Sampler Sampler

	// Propagation lists the formats Inject writes, by their
	// ZIPKIN_PROPAGATION names: "b3", "b3single", "w3c", "uber" (see
	// ParseFormat). Empty: b3. Extraction always accepts all four.
	Propagation []string

	// ErrorOutput receives reporter errors, at most one line per 10 s.
	// Nil: os.Stderr.
	ErrorOutput io.Writer

	// SpanHandler, when set, sees every finished sampled span before the
	// reporter and may change or drop it; see SpanHandler for where it runs.
	SpanHandler SpanHandler
	// RedactTags lists glob patterns over tag keys ("password", "*.token",
	// "*secret*"; '*' matches any run, letters match in any case) whose
	// values are replaced by RedactedValue before any reporter or
	// SpanHandler sees them, whoever set the tag. ZIPKIN_REDACT_TAGS sets it
	// from the environment.
	RedactTags []string

	// Baggage allow-lists the baggage fields that travel with the trace
	// ("tenant-id", "request-id"; matched in lower case; see WithBaggage
	// and ExtractBaggage). Empty: no baggage is read, set or sent.
	// ZIPKIN_BAGGAGE sets it from the environment.
	Baggage []string
	// BaggageTags copies the baggage fields in a span's parent context to
	// the span's tags (before redaction) when it ends.
	BaggageTags bool
}

// Tracer starts spans and hands finished ones to its Reporter. A nil or
// disabled Tracer is valid: it starts no spans and costs a nil check.
type Tracer struct {
	reporter    Reporter // nil: disabled
	local       Endpoint
	localJSON   []byte // `,"localEndpoint":{…}`, encoded once: every span repeats it
	localProto  []byte // the same as a proto3 field
	sampler     sampler
	propagation []Format
	inject      formatSet // Propagation as a bit set, for the inject path
	errLog      *rateLimitedLog
	pipeline    *pipeline // nil: no redaction and no SpanHandler (hook.go)
	baggage     []string  // Options.Baggage, normalized (baggage.go)

	// The counters are written on every Start; the padding keeps them off
	// the cache line of the read-only fields above, which every core reads.
	_             [64]byte
	unsampled     atomic.Uint64 // Starts that recorded nothing; Stats.Started = unsampled + sampled,
	sampled       atomic.Uint64 // so a sampled Start, the hot path, pays one atomic add
	late          atomic.Uint64
	afterShutdown atomic.Uint64
	closed        atomic.Bool
}

// New validates o and builds a tracer. All problems are reported together.
func New(o Options) (*Tracer, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	formats := parsedFormats(o.Propagation)
	t := &Tracer{
		local:       Endpoint{ServiceName: o.ServiceName, Addr: o.LocalAddr, Port: o.LocalPort},
		sampler:     newSamplerFor(&o),
		propagation: formats,
		inject:      newFormatSet(formats),
		errLog:      newRateLimitedLog(o.ErrorOutput, 10*time.Second),
	}
	if t.local.ServiceName == "" {
		t.local.ServiceName = executableName()
	}
	t.baggage = baggageNames(o.Baggage)
	t.pipeline = newPipeline(&o, t.errLog.Log)
	t.localJSON = appendJSONEndpoint(append([]byte(nil), `,"localEndpoint":`...), &t.local)
	t.localProto = appendProtoEndpoint(nil, protoSpanLocal, &t.local)
	rep, err := o.reporter(t.errLog.Log)
	if err != nil {
		return nil, err
	}
	t.reporter = rep
	return t, nil
}

func (o *Options) validate() error {
	var errs []error
	if o.Reporter != nil && o.Endpoint != "" {
		errs = append(errs, errors.New("zipkin: set Options.Endpoint or Options.Reporter, not both"))
	}
	if o.Endpoint != "" {
		if _, err := normalizeEndpoint(o.Endpoint); err != nil {
			errs = append(errs, fmt.Errorf("zipkin: Options.Endpoint: %w", err))
		}
	}
	if o.Encoding > OTLP {
		errs = append(errs, fmt.Errorf("zipkin: Options.Encoding: unknown encoding %d", o.Encoding))
	}
	if o.Compression > CompressNone {
		errs = append(errs, fmt.Errorf("zipkin: Options.Compression: unknown compression %d", o.Compression))
	}
	if r := o.SampleRate; r != nil && !(*r >= 0 && *r <= 1) {
		errs = append(errs, fmt.Errorf("zipkin: Options.SampleRate %v is not in [0, 1]", *r))
	}
	for _, name := range o.Propagation {
		if _, err := ParseFormat(name); err != nil {
			errs = append(errs, fmt.Errorf("zipkin: Options.Propagation: %w", err))
		}
	}
	errs = append(errs, validateRedactTags(o.RedactTags), validateBaggage(o.Baggage))
	if o.Sampler != nil && o.SampleRate != nil {
		errs = append(errs, errors.New("zipkin: set Options.SampleRate or Options.Sampler, not both"))
	}
	return errors.Join(errs...)
}

// reporter builds the reporter that o asks for; nil means disabled.
func (o *Options) reporter(errorLog func(error)) (Reporter, error) {
	if o.Reporter != nil {
		return o.Reporter, nil
	}
	if o.Endpoint == "" {
		return nil, nil
	}
	ep, _ := normalizeEndpoint(o.Endpoint)
	switch ep {
	case "stderr":
		return NewDebugReporter(os.Stderr), nil
	case "stdout":
		return NewDebugReporter(os.Stdout), nil
	}
	ep, enc := otlpEndpoint(o.Endpoint, ep, o.Encoding)
	return newHTTPReporterFor(ep, enc, o.Compression, errorLog)
}

// executableName is the default service name: what the user would call
// the program.
func executableName() string {
	exe, err := os.Executable()
	if err != nil || exe == "" {
		exe = os.Args[0]
	}
	if i := strings.LastIndexAny(exe, `/\`); i >= 0 {
		exe = exe[i+1:]
	}
	exe = strings.TrimSuffix(exe, ".exe")
	if exe == "" {
		return "unknown"
	}
	return exe
}

// Enabled reports whether t records spans. A nil tracer is disabled.
func (t *Tracer) Enabled() bool { return t != nil && t.reporter != nil }

// LocalEndpoint returns the endpoint reported as every span's localEndpoint.
func (t *Tracer) LocalEndpoint() Endpoint {
	if t == nil {
		return Endpoint{}
	}
	return t.local
}

// Propagation returns the names of the formats Inject writes ("b3" when
// none were set), as ZIPKIN_PROPAGATION spells them.
func (t *Tracer) Propagation() []string {
	if t == nil || len(t.propagation) == 0 {
		return []string{B3Multi.String()}
	}
	names := make([]string, len(t.propagation))
	for i, f := range t.propagation {
		names[i] = f.String()
	}
	return names
}

// parsedFormats converts validated format names.
func parsedFormats(names []string) []Format {
	var out []Format
	for _, name := range names {
		if f, err := ParseFormat(name); err == nil && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// injectFormats is the set of formats Inject writes, computed once by New.
func (t *Tracer) injectFormats() formatSet {
	if t == nil {
		return newFormatSet(nil)
	}
	return t.inject
}

// Flush delivers every span ended so far, or returns ctx's error.
func (t *Tracer) Flush(ctx context.Context) error {
	if !t.Enabled() {
		return nil
	}
	return withDeadline(ctx, t.reporter.Flush)
}

// Shutdown flushes and stops the reporter, returning when ctx is done at
// the latest. Spans ended afterwards are counted as dropped (DropShutdown).
// Only the first call does anything.
func (t *Tracer) Shutdown(ctx context.Context) error {
	if !t.Enabled() || t.closed.Swap(true) {
		return nil
	}
	return withDeadline(ctx, t.reporter.Close)
}

// withDeadline runs f(ctx) but returns soon after ctx is done even if f does not:
// a custom Reporter that ignores its context must not hang the program's
// exit.
func withDeadline(ctx context.Context, f func(context.Context) error) error {
	if ctx.Done() == nil {
		return f(ctx)
	}
	done := make(chan error, 1)
	go func() { done <- f(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		// A reporter that honours ctx is finishing its accounting right
		// now (what it gave up on becomes DropShutdown): a moment's grace
		// makes Stats exact when Shutdown returns, and still bounds a
		// reporter that ignores ctx.
		t := time.NewTimer(deadlineGrace)
		defer t.Stop()
		select {
		case err := <-done:
			return err
		case <-t.C:
			return ctx.Err()
		}
	}
}

// deadlineGrace is how long Flush and Shutdown wait past their deadline
// for the reporter to return.
const deadlineGrace = 100 * time.Millisecond

// report hands a finished span to the reporter, or counts it as dropped
// after Shutdown.
func (t *Tracer) report(s *Span) {
	if !t.Enabled() {
		return // a Span not made by Start: nothing to report to
	}
	if t.closed.Load() {
		t.afterShutdown.Add(1)
		s.Recycle() // reaches no reporter: the tracer holds it last
		return
	}
	if t.pipeline != nil && !t.pipeline.handle(s) {
		s.Recycle() // dropped by the SpanHandler, counted there
		return
	}
	t.reporter.Report(s)
}

func (t *Tracer) countLateMutation() {
	if t != nil {
		t.late.Add(1)
	}
}

// sampler decides whether a new trace is recorded from its ID alone, so that
// every service with the same rate makes the same decision.
type sampler struct {
	all       bool
	threshold uint64  // sampled when TraceID.Low < threshold
	custom    Sampler // when set, decides instead (sampler.go)
}

func newSampler(rate *float64) sampler {
	switch {
	case rate == nil || *rate >= 1:
		return sampler{all: true}
	case *rate <= 0:
		return sampler{}
	}
	return sampler{threshold: uint64(math.Ldexp(*rate, 64))}
}

func (s sampler) sample(id TraceID) bool {
	if s.custom != nil {
		return s.custom.Sample(id)
	}
	return s.all || id.Low < s.threshold
}

// The default tracer, built from the environment on first use.
var (
	defaultTracer atomic.Pointer[Tracer]
	defaultOnce   sync.Once
)

// Default returns the tracer that Start and generated code use. On first
// use it is built from the ZIPKIN_* environment variables; a bad variable is
// logged once to stderr and tracing stays disabled, so a typo never crashes
// the program.
func Default() *Tracer {
	if t := defaultTracer.Load(); t != nil {
		return t
	}
	return buildDefault()
}

// buildDefault is Default's first-use path, kept out of Default so that
// Default inlines into every Start.
func buildDefault() *Tracer {
	defaultOnce.Do(initDefault)
	return defaultTracer.Load()
}

func initDefault() {
	if defaultTracer.Load() != nil {
		return
	}
	t := tracerFromEnv(os.Getenv, os.Stderr)
	if !defaultTracer.CompareAndSwap(nil, t) {
		_ = t.Shutdown(context.Background()) // SetDefault won the race
	}
}

// tracerFromEnv builds the default tracer. A configuration error is one
// line on stderr and a disabled tracer: tracing must never stop the program.
func tracerFromEnv(getenv func(string) string, stderr io.Writer) *Tracer {
	o, err := OptionsFromEnv(getenv)
	var t *Tracer
	if err == nil {
		t, err = New(o)
	}
	if err != nil {
		fmt.Fprintf(stderr, "zipkin: tracing disabled: %s\n", strings.ReplaceAll(err.Error(), "\n", "; "))
		return &Tracer{}
	}
	return t
}

// SetDefault makes t the default tracer and returns the previous one (nil
// if none was built yet). It does not shut the previous tracer down.
func SetDefault(t *Tracer) *Tracer {
	if t == nil {
		t = &Tracer{}
	}
	defaultOnce.Do(func() {}) // the environment is not consulted any more
	return defaultTracer.Swap(t)
}

// Flush flushes the default tracer.
func Flush(ctx context.Context) error { return Default().Flush(ctx) }

// Shutdown flushes and stops the default tracer.
func Shutdown(ctx context.Context) error { return Default().Shutdown(ctx) }

// Close shuts the default tracer down, waiting at most 5 seconds. A marked
// main defers it, so that spans reach the collector before the program
// exits.
func Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = Shutdown(ctx)
}
