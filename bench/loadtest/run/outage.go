package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// outageSample is one sample of the service during the outage test.
type outageSample struct {
	t     time.Duration // since the measured load started
	phase phase
	sample
}

type phase int

const (
	phaseBefore phase = iota // collector up, before the outage: the baseline
	phaseDown                // collector down
	phaseAfter               // collector back
)

// outageResult is one variant's run through a collector outage.
type outageResult struct {
	variant
	before, down, after time.Duration // the phases as configured
	downAt, upAt        time.Duration // when the collector went and came back, since the load started
	wrk                 wrkResult
	samples             []outageSample // one a second
	final               sample         // after the load stopped and the tracer was flushed
	flushErr            error
	collectorSpans      int64 // spans the collector accepted, counted in the JSON it received
	collectorBad        int64 // batches it could not decode
}

// measureOutage loads a service for o.outageBefore with its collector up,
// takes the collector down for o.outage, brings it back on the same port
// for o.outageAfter, and samples the service's heap and tracer counters
// every second throughout. After the load it flushes the tracer, so that
// the counters are final.
func measureOutage(bin string, v variant, o options, progress io.Writer) (outageResult, error) {
	col, err := newCollector(true)
	if err != nil {
		return outageResult{}, err
	}
	defer col.close()
	svc, err := startService(bin, v.args, col.url())
	if err != nil {
		return outageResult{}, err
	}
	defer svc.stop()
	if _, err := runWrk(svc.url, o.warmup, o); err != nil {
		return outageResult{}, fmt.Errorf("warm-up: %w", err)
	}
	r := outageResult{variant: v, before: o.outageBefore, down: o.outage, after: o.outageAfter}
	total := o.outageBefore + o.outage + o.outageAfter

	type wrkOutcome struct {
		res wrkResult
		err error
	}
	loadDone := make(chan wrkOutcome, 1)
	start := time.Now()
	go func() {
		res, err := runWrk(svc.url, total, o)
		loadDone <- wrkOutcome{res, err}
	}()

	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	downAt := time.NewTimer(o.outageBefore)
	defer downAt.Stop()
	var upAt <-chan time.Time
	ph := phaseBefore
	for {
		select {
		case <-downAt.C:
			col.down()
			r.downAt, ph = time.Since(start), phaseDown
			fmt.Fprintf(progress, "loadtest:   collector down at %s\n", r.downAt.Round(time.Second))
			t := time.NewTimer(o.outage)
			defer t.Stop()
			upAt = t.C
		case <-upAt:
			if err := col.bringUp(); err != nil {
				return outageResult{}, fmt.Errorf("collector back on %s: %w", col.addr, err)
			}
			r.upAt, ph = time.Since(start), phaseAfter
			fmt.Fprintf(progress, "loadtest:   collector back at %s\n", r.upAt.Round(time.Second))
		case <-tick.C:
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			s, err := svc.sample(ctx)
			cancel()
			if err == nil {
				r.samples = append(r.samples, outageSample{t: time.Since(start), phase: ph, sample: s})
			}
		case out := <-loadDone:
			if out.err != nil {
				return outageResult{}, out.err
			}
			r.wrk = out.res
			// Requests cut off by wrk's end finish; then every span has
			// ended and Flush has all of them to wait for.
			time.Sleep(500 * time.Millisecond)
			ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
			r.final, r.flushErr = svc.flush(ctx)
			cancel()
			r.collectorSpans, r.collectorBad = col.spans.Load(), col.bad.Load()
			return r, nil
		}
	}
}

// heapSummary condenses an outage run's heap samples.
type heapSummary struct {
	baseline       uint64        // median heap in use before the outage
	baselineMin    uint64        // its range before the outage, which the GC cycle makes wide
	baselineMax    uint64        //
	baselineLive   uint64        // median live heap before the outage
	maxDown        uint64        // the most heap in use while the collector was down
	maxDownLive    uint64        // the most live heap then
	maxQueued      uint64        // the most QueuedBytes the tracer reported (any phase)
	maxQueuedSpans uint64        // the most QueuedSpans
	afterAt        []afterPoint  // heap in use at fixed delays after the collector came back
	settled        time.Duration // from when after the return heap in use stayed within 10% of the most seen before the outage; -1: never
	reqPerSec      [3]float64    // per phase, from the service's request counter
}

type afterPoint struct {
	after time.Duration
	heap  uint64
	live  uint64
}

// afterDelays are the delays after the collector's return at which the
// report shows the heap.
var afterDelays = []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 30 * time.Second}

func (r outageResult) heap() heapSummary {
	var h heapSummary
	var base, baseLive []uint64
	for _, s := range r.samples {
		switch s.phase {
		case phaseBefore:
			base, baseLive = append(base, s.HeapInuse), append(baseLive, s.HeapLive)
		case phaseDown:
			h.maxDown, h.maxDownLive = max(h.maxDown, s.HeapInuse), max(h.maxDownLive, s.HeapLive)
		}
		if s.Tracer != nil {
			h.maxQueued = max(h.maxQueued, s.Tracer.QueuedBytes)
			h.maxQueuedSpans = max(h.maxQueuedSpans, s.Tracer.QueuedSpans)
		}
	}
	h.baseline, h.baselineLive = median(base), median(baseLive)
	if len(base) > 0 {
		h.baselineMin, h.baselineMax = slices.Min(base), slices.Max(base)
	}
	for _, d := range afterDelays {
		if d > r.after {
			break
		}
		if s, ok := r.sampleAt(r.upAt + d); ok {
			h.afterAt = append(h.afterAt, afterPoint{after: d, heap: s.HeapInuse, live: s.HeapLive})
		}
	}
	h.settled = -1
	limit := h.baselineMax + h.baselineMax/10
	for i := len(r.samples) - 1; i >= 0; i-- {
		s := r.samples[i]
		if s.phase != phaseAfter || s.HeapInuse > limit {
			break
		}
		h.settled = s.t - r.upAt
	}
	h.reqPerSec = r.phaseRates()
	return h
}

// sampleAt returns the first sample taken at or after t.
func (r outageResult) sampleAt(t time.Duration) (outageSample, bool) {
	i, _ := slices.BinarySearchFunc(r.samples, t, func(s outageSample, t time.Duration) int {
		switch {
		case s.t < t:
			return -1
		case s.t > t:
			return 1
		}
		return 0
	})
	if i == len(r.samples) {
		return outageSample{}, false
	}
	return r.samples[i], true
}

// phaseRates is requests per second in each phase, from the service's own
// count of requests served at the first and last sample of the phase.
func (r outageResult) phaseRates() [3]float64 {
	var rates [3]float64
	for p := phaseBefore; p <= phaseAfter; p++ {
		var first, last *outageSample
		for i := range r.samples {
			if r.samples[i].phase == p {
				if first == nil {
					first = &r.samples[i]
				}
				last = &r.samples[i]
			}
		}
		if first != nil && last != first {
			rates[p] = float64(last.Served-first.Served) / (last.t - first.t).Seconds()
		}
	}
	return rates
}

// accounting checks the tracer's final counters: every sampled span
// reported or dropped for a counted reason, nothing left queued, and the
// collector's count equal to the reported one.
type accounting struct {
	ok                                 bool
	sampled, reported, dropped, queued uint64
	collected                          int64
	problems                           []string
}

func (r outageResult) accounting() (accounting, bool) {
	st := r.final.Tracer
	if st == nil {
		return accounting{}, false
	}
	a := accounting{
		sampled:   st.Sampled,
		reported:  st.Reported,
		dropped:   st.TotalDropped(),
		queued:    st.QueuedSpans,
		collected: r.collectorSpans,
	}
	if r.flushErr != nil {
		a.problems = append(a.problems, r.flushErr.Error())
	}
	if a.sampled != a.reported+a.dropped+a.queued {
		a.problems = append(a.problems, fmt.Sprintf("sampled %d ≠ reported %d + dropped %d + queued %d", a.sampled, a.reported, a.dropped, a.queued))
	}
	if a.queued != 0 {
		a.problems = append(a.problems, fmt.Sprintf("%d spans still queued after the flush", a.queued))
	}
	if uint64(a.collected) != a.reported {
		a.problems = append(a.problems, fmt.Sprintf("collector counted %d spans, the tracer reported %d", a.collected, a.reported))
	}
	if r.collectorBad != 0 {
		a.problems = append(a.problems, fmt.Sprintf("%d batches did not decode", r.collectorBad))
	}
	a.ok = len(a.problems) == 0
	return a, true
}
