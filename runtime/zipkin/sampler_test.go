package zipkin

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is an injected clock for the rate limiter.
type fakeClock struct{ ns int64 }

func (c *fakeClock) now() int64              { return c.ns }
func (c *fakeClock) advance(d time.Duration) { c.ns += int64(d) }

func TestRateLimiterBurstIsSpread(t *testing.T) {
	clk := &fakeClock{ns: 5e9}
	l := newRateLimiter(100, clk.now)
	granted := 0
	for range 10000 { // a burst at the start of a second
		if l.Sample(TraceID{}) {
			granted++
		}
	}
	if granted != 10 {
		t.Errorf("a burst got %d of the second's 100, want its first tenth, 10", granted)
	}
	// The rest of the second, under the same pressure: 100 in all, never
	// more, and every tenth gets its share.
	perTenth := []int{granted}
	for tenth := 1; tenth < 10; tenth++ {
		clk.advance(100 * time.Millisecond)
		n := 0
		for range 10000 {
			if l.Sample(TraceID{}) {
				n++
			}
		}
		perTenth = append(perTenth, n)
		granted += n
	}
	if granted != 100 {
		t.Errorf("granted %d in one second, want 100 (per tenth %v)", granted, perTenth)
	}
	for i, n := range perTenth {
		if n != 10 {
			t.Errorf("tenth %d got %d, want 10 (all %v)", i, n, perTenth)
		}
	}
}

func TestRateLimiterSteadyOverTime(t *testing.T) {
	for _, limit := range []int{1, 3, 7, 10, 15, 100, 1000} {
		clk := &fakeClock{}
		l := newRateLimiter(limit, clk.now)
		perSecond := map[int64]int{}
		// One request every 100µs for 20 s: far more than the limit.
		for i := 0; i < 200000; i++ {
			if l.Sample(TraceID{}) {
				perSecond[clk.ns/1e9]++
			}
			clk.advance(100 * time.Microsecond)
		}
		for sec := int64(0); sec < 20; sec++ {
			if perSecond[sec] != min(limit, 10000) {
				t.Errorf("limit %d: second %d got %d", limit, sec, perSecond[sec])
			}
		}
	}
}

func TestRateLimiterUnderLimitTakesAll(t *testing.T) {
	clk := &fakeClock{}
	l := newRateLimiter(100, clk.now)
	for i := range 500 { // 50 a second, evenly
		if !l.Sample(TraceID{}) {
			t.Fatalf("request %d at %v refused under the limit", i, time.Duration(clk.ns))
		}
		clk.advance(20 * time.Millisecond)
	}
}

func TestRateLimiterZeroAndConcurrent(t *testing.T) {
	if RateLimitedSampler(0).Sample(TraceID{}) || RateLimitedSampler(-5).Sample(TraceID{}) {
		t.Error("a limit of 0 sampled")
	}
	clk := &fakeClock{}
	l := newRateLimiter(1000, clk.now)
	clk.advance(900 * time.Millisecond) // the last tenth of a second: the whole budget open
	var mu sync.Mutex
	granted := 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for range 1000 {
				if l.Sample(TraceID{}) {
					n++
				}
			}
			mu.Lock()
			granted += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	if granted != 1000 {
		t.Errorf("8 goroutines were granted %d, want exactly 1000", granted)
	}
}

func TestSamplerDecisionAllocatesNothing(t *testing.T) {
	l := RateLimitedSampler(1 << 20)
	p := newSamplerFor(&Options{Sampler: ProbabilitySampler(0.5)})
	id := newTraceID()
	if n := testing.AllocsPerRun(1000, func() { l.Sample(id); p.sample(id) }); n != 0 {
		t.Errorf("a decision allocates %v times", n)
	}
	if p.custom != nil {
		t.Error("ProbabilitySampler was not unwrapped into the tracer's own sampler")
	}
}

func TestTracerWithRateLimitedSampler(t *testing.T) {
	rec := NewRecorder()
	tr := newTracer(t, Options{Reporter: rec, Sampler: RateLimitedSampler(2)})
	sampled := 0
	for range 50 {
		_, s := tr.Start(context.Background(), "root")
		if s != nil {
			sampled++
		}
		s.End(nil)
	}
	if sampled == 0 || sampled > 2 {
		t.Errorf("%d of 50 roots sampled under a limit of 2/s", sampled)
	}
	// A parent's decision stands whatever the limiter says.
	parent := SpanContext{TraceID: newTraceID(), ID: newSpanID(), Sampling: Accept}
	for range 10 {
		if _, s := tr.Start(context.Background(), "child", WithParent(parent)); s == nil {
			t.Fatal("a sampled parent's child was refused by the limiter")
		} else {
			s.End(nil)
		}
	}
	if _, err := New(Options{Reporter: rec, Sampler: RateLimitedSampler(1), SampleRate: rate(0.5)}); err == nil {
		t.Error("Sampler and SampleRate both set: no error")
	}
}

func TestWithSampleRateIsDeterministic(t *testing.T) {
	all, _ := NewTestTracer()
	other, _ := NewTestTracer()
	agree, sampled := 0, 0
	for range 4000 {
		sc := SpanContext{TraceID: newTraceID(), ID: newSpanID()} // Defer: decided here
		_, a := all.Start(context.Background(), "a", WithParent(sc), WithSampleRate(0.25))
		_, b := other.Start(context.Background(), "b", WithParent(sc), WithSampler(ProbabilitySampler(0.25)))
		if (a == nil) == (b == nil) {
			agree++
		}
		if a != nil {
			sampled++
		}
		a.End(nil)
		b.End(nil)
	}
	if agree != 4000 {
		t.Errorf("two services with one rate agreed on %d of 4000 traces", agree)
	}
	if sampled < 800 || sampled > 1200 {
		t.Errorf("sampled %d of 4000 at 0.25", sampled)
	}
	// The option decides only a trace that starts here.
	parent := SpanContext{TraceID: newTraceID(), ID: newSpanID(), Sampling: Accept}
	if _, s := all.Start(context.Background(), "c", WithParent(parent), WithSampleRate(0)); s == nil {
		t.Error("WithSampleRate(0) overrode a sampled parent")
	}
	if _, s := all.Start(context.Background(), "d", WithSampleRate(0)); s != nil {
		t.Error("WithSampleRate(0) sampled a new root")
	}
	if _, s := all.Start(context.Background(), "e", WithSampler(nil)); s != nil {
		t.Error("WithSampler(nil) sampled a new root")
	}
}

func TestSampleRateFromEnv(t *testing.T) {
	o, err := OptionsFromEnv(envOf(map[string]string{"ZIPKIN_SAMPLE_RATE": " 100/s "}))
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := o.Sampler.(*rateLimiter); !ok || l.perSecond != 100 || o.SampleRate != nil {
		t.Errorf("100/s gave Sampler %#v, SampleRate %v", o.Sampler, o.SampleRate)
	}
	o, err = OptionsFromEnv(envOf(map[string]string{"ZIPKIN_SAMPLE_RATE": "0.5"}))
	if err != nil || o.Sampler != nil || o.SampleRate == nil || *o.SampleRate != 0.5 {
		t.Errorf("0.5 gave %+v, %v", o, err)
	}
	for _, bad := range []string{"1.5/s", "-1/s", "/s", "x/s", "+3/s", "2", "1e99/s"} {
		if _, err := OptionsFromEnv(envOf(map[string]string{"ZIPKIN_SAMPLE_RATE": bad})); err == nil || !strings.Contains(err.Error(), "ZIPKIN_SAMPLE_RATE") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}

func FuzzSampleRate(f *testing.F) {
	for _, s := range []string{"0.25", "1", "0", "100/s", "0/s", " 7 /s", "1e-3", "NaN", "-0", "99999999999/s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		rate, limit, err := parseSampleSetting(v)
		if err != nil {
			return
		}
		if limit >= 0 {
			if limit > maxRatePerSecond || !isRateLimit(v) {
				t.Fatalf("%q: limit %d", v, limit)
			}
			return
		}
		if !(rate >= 0 && rate <= 1) {
			t.Fatalf("%q: rate %v", v, rate)
		}
	})
}

func TestSamplingRulesFirstMatchDecides(t *testing.T) {
	none, all := ProbabilitySampler(0), ProbabilitySampler(1)
	rules := SamplingRules{
		{Route: "/healthz"}, // nil sampler: never
		{Method: "POST", Route: "/api/*", Sampler: all},
		{Route: "/api/*", Sampler: none},
		{Method: "DELETE", Sampler: all},
	}
	tr, _ := NewTestTracer()
	for _, c := range []struct {
		method, route string
		matched, want bool
	}{
		{"GET", "/healthz", true, false},
		{"POST", "/api/items", true, true},
		{"GET", "/api/items", true, false},
		{"DELETE", "/other", true, true},
		{"GET", "/other", false, true}, // the tracer's sampler: everything
		{"", "/pkg.Service/Method", false, true},
	} {
		opt, ok := rules.Match(c.method, c.route)
		if ok != c.matched {
			t.Errorf("%s %s: matched %v", c.method, c.route, ok)
			continue
		}
		var opts []StartOption
		if ok {
			opts = append(opts, opt)
		}
		_, s := tr.Start(context.Background(), "x", opts...)
		if (s != nil) != c.want {
			t.Errorf("%s %s: sampled %v, want %v", c.method, c.route, s != nil, c.want)
		}
		s.End(nil)
	}
	if n := testing.AllocsPerRun(100, func() { rules.Match("GET", "/api/items/42") }); n != 0 {
		t.Errorf("Match allocates %v", n)
	}
}
