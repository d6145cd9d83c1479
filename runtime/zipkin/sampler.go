package zipkin

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
)

// Sampler decides whether a new trace is recorded. It is asked once per
// trace, where the trace starts in this process: for a new root, or for a
// parent that left the decision open (B3 sampling absent). A parent's
// decision is never overridden. Sample must be safe for concurrent use.
type Sampler interface {
	Sample(id TraceID) bool
}

// ProbabilitySampler records the fraction rate of new traces (clamped to
// [0, 1]; NaN is 0), decided from the trace ID alone, so that every
// service with the same rate agrees on every trace. It is what
// Options.SampleRate and ZIPKIN_SAMPLE_RATE=0.25 configure.
func ProbabilitySampler(rate float64) Sampler { return probabilitySampler(rateSampler(rate)) }

// probabilitySampler is the public face of the tracer's own sampler
// value, which the tracer unwraps so that the common case calls no
// interface method.
type probabilitySampler sampler

func (p probabilitySampler) Sample(id TraceID) bool { return sampler(p).sample(id) }

// rateSampler is the sampler of a probability.
func rateSampler(rate float64) sampler {
	switch {
	case rate >= 1:
		return sampler{all: true}
	case !(rate > 0): // also NaN
		return sampler{}
	}
	return sampler{threshold: uint64(math.Ldexp(rate, 64))}
}

// newSamplerFor is the tracer's sampler for o: Options.Sampler when set,
// else Options.SampleRate.
func newSamplerFor(o *Options) sampler {
	switch s := o.Sampler.(type) {
	case nil:
		return newSampler(o.SampleRate)
	case probabilitySampler:
		return sampler(s)
	default:
		return sampler{custom: s}
	}
}

// WithSampler decides the trace with s instead of the tracer's sampler,
// when this Start begins a trace (a new root, or a parent without a
// decision); a parent's decision still stands. zipkinhttp's sampling rules
// use it.
func WithSampler(s Sampler) StartOption {
	if p, ok := s.(probabilitySampler); ok {
		return StartOption{set: optSampler, sampler: sampler(p)}
	}
	if s == nil {
		s = neverSampler{}
	}
	return StartOption{set: optSampler, sampler: sampler{custom: s}}
}

// WithSampleRate is WithSampler(ProbabilitySampler(rate)), without the
// interface: what `//zipkin:trace sample=0.01` generates.
func WithSampleRate(rate float64) StartOption {
	return StartOption{set: optSampler, sampler: rateSampler(rate)}
}

// neverSampler samples nothing: a rule whose Sampler is nil.
type neverSampler struct{}

func (neverSampler) Sample(TraceID) bool { return false }

// samplerFor returns the sampler deciding a trace started with cfg.
func (t *Tracer) samplerFor(cfg *startConfig) *sampler {
	if cfg != nil && cfg.hasSampler {
		return &cfg.sampler
	}
	return &t.sampler
}

// RateLimitedSampler records at most perSecond new traces per second in
// this process, whatever the load: for services whose traffic varies too
// much for a fixed probability. A second's budget is released in tenths
// (by the end of its k-th tenth, at most ceil(perSecond·k/10) traces), so
// a burst at the start of a second cannot use it all up and traces spread
// over the second; under sustained load it records exactly perSecond
// traces each second. Decisions take no lock and allocate nothing.
// perSecond 0 or less records none.
func RateLimitedSampler(perSecond int) Sampler {
	return newRateLimiter(perSecond, monoNow)
}

// maxRatePerSecond bounds a rate limit so that a second's count fits the
// limiter's 32 bits.
const maxRatePerSecond = 1 << 30

// rateLimiter is RateLimitedSampler, with its clock (nanoseconds, from an
// arbitrary origin, never going back) injected for tests.
type rateLimiter struct {
	perSecond uint64
	now       func() int64
	origin    int64
	// state is the second the count belongs to (high 32 bits, seconds
	// since origin) and the traces sampled in it so far (low 32 bits),
	// swapped as one word.
	state atomic.Uint64
}

func newRateLimiter(perSecond int, now func() int64) *rateLimiter {
	n := uint64(max(perSecond, 0))
	n = min(n, maxRatePerSecond)
	return &rateLimiter{perSecond: n, now: now, origin: now()}
}

// Sample implements Sampler; the trace ID plays no part.
func (l *rateLimiter) Sample(TraceID) bool {
	if l.perSecond == 0 {
		return false
	}
	elapsed := max(l.now()-l.origin, 0)
	sec := uint64(elapsed/1e9) & math.MaxUint32
	tenth := uint64(elapsed % 1e9 / 1e8)
	allowance := (l.perSecond*(tenth+1) + 9) / 10 // ceil(perSecond·(tenth+1)/10)
	for {
		old := l.state.Load()
		oldSec, count := old>>32, old&math.MaxUint32
		switch {
		case oldSec == sec:
		case oldSec > sec && oldSec-sec < 1<<31:
			// Another goroutine, which read the clock later, has moved on
			// to the next second: this decision belongs to a second that
			// is over.
			return false
		default:
			count = 0
		}
		if count >= allowance {
			return false
		}
		if l.state.CompareAndSwap(old, sec<<32|(count+1)) {
			return true
		}
	}
}

// parseSampleSetting reads a ZIPKIN_SAMPLE_RATE value: a probability
// ("0.25"), or a rate limit ("100/s"). Exactly one of rate and limit is
// meaningful: limit >= 0 for "N/s", else -1.
func parseSampleSetting(v string) (rate float64, limit int, err error) {
	if n, ok := strings.CutSuffix(v, "/s"); ok {
		limit, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil || limit < 0 || limit > maxRatePerSecond || strings.HasPrefix(strings.TrimSpace(n), "+") {
			return 0, -1, errors.New("want N/s with N a whole number of traces per second, or a number from 0 to 1")
		}
		return 0, limit, nil
	}
	rate, err = parseSampleRate(v)
	return rate, -1, err
}

// isRateLimit reports whether a ZIPKIN_SAMPLE_RATE value is "N/s", which
// pipelineFromEnv reads into Options.Sampler.
func isRateLimit(v string) bool { return strings.HasSuffix(v, "/s") }
