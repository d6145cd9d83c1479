package main

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	in := []uint64{9, 1, 5}
	if got := median(in); got != 5 || in[0] != 9 {
		t.Errorf("median(%v) = %d, want 5 without reordering its input", in, got)
	}
}

func TestRoundOrderAlternates(t *testing.T) {
	vs, err := selectVariants("untraced,zipkingen-100,zipkingen-1")
	if err != nil {
		t.Fatal(err)
	}
	keys := func(vs []variant) string {
		var k []string
		for _, v := range vs {
			k = append(k, v.key)
		}
		return strings.Join(k, ",")
	}
	if got, want := keys(roundOrder(vs, 0)), "untraced,zipkingen-100,zipkingen-1"; got != want {
		t.Errorf("round 0: %s, want %s", got, want)
	}
	if got, want := keys(roundOrder(vs, 1)), "zipkingen-1,zipkingen-100,untraced"; got != want {
		t.Errorf("round 1: %s, want %s", got, want)
	}
	if keys(vs) != "untraced,zipkingen-100,zipkingen-1" {
		t.Error("roundOrder reordered its input")
	}
}

func TestSelectVariants(t *testing.T) {
	vs, err := selectVariants("zipkingen-1,untraced")
	if err != nil || len(vs) != 2 || vs[0].key != "untraced" || vs[1].key != "zipkingen-1" {
		t.Errorf("selectVariants = %v, %v: want untraced then zipkingen-1, in the table's order", vs, err)
	}
	if _, err := selectVariants("zipkingen,untraced"); err == nil {
		t.Error("an unknown variant was accepted")
	}
}

// TestSummarizeRatios: the ratio of medians, and per-round ratios against
// the untraced run of the same round.
func TestSummarizeRatios(t *testing.T) {
	vs, err := selectVariants("untraced,zipkingen-100")
	if err != nil {
		t.Fatal(err)
	}
	un, zg := vs[0], vs[1]
	m := func(v variant, round int, rps float64, svcCPU time.Duration) measurement {
		n := int64(rps * 10)
		return measurement{variant: v, round: round, wrk: wrkResult{ReqPerSec: rps, Requests: n}, serviceCPU: svcCPU * time.Duration(n)}
	}
	ms := []measurement{
		m(un, 0, 1000, 100*time.Microsecond), m(zg, 0, 900, 110*time.Microsecond),
		m(un, 1, 2000, 90*time.Microsecond), m(zg, 1, 1000, 120*time.Microsecond),
		m(un, 2, 1500, 95*time.Microsecond), m(zg, 2, 1200, 115*time.Microsecond),
	}
	sums := summarize([]variant{un, zg}, ms)
	s := sums[1]
	if s.rounds != 3 || s.reqPerSec.median != 1000 || s.reqPerSec.min != 900 || s.reqPerSec.max != 1200 {
		t.Errorf("req/s %+v over %d rounds, want median 1000, 900–1200 over 3", s.reqPerSec, s.rounds)
	}
	if s.ratio.min != 0.5 || s.ratio.max != 0.9 || s.ratio.median != 0.8 {
		t.Errorf("per-round ratios %+v, want 0.5–0.9, median 0.8", s.ratio)
	}
	if s.svcCPU.median != 115 {
		t.Errorf("service CPU per request %v µs, want 115", s.svcCPU.median)
	}
	var buf bytes.Buffer
	writeReport(&buf, reportInput{o: options{rounds: 3, duration: 10 * time.Second}, variants: []variant{un, zg}, ms: ms})
	if !strings.Contains(buf.String(), "| zipkingen 100% | 1000 | 900–1200 | 0.667 | 0.500–0.900 |") {
		t.Errorf("report lacks the expected zipkingen row:\n%s", buf.String())
	}
}

func TestParseProcStatCPU(t *testing.T) {
	// Fields 14 and 15 (utime, stime) are 250 and 50 ticks; the command
	// name holds a space and a parenthesis.
	stat := "4242 (my (svc) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 9 0 100 1000000 500"
	if got, want := parseProcStatCPU(stat), 3*time.Second; got != want {
		t.Errorf("parseProcStatCPU = %v, want %v", got, want)
	}
	if got := parseProcStatCPU("garbage"); got != 0 {
		t.Errorf("parseProcStatCPU(garbage) = %v, want 0", got)
	}
}

func TestCountSpans(t *testing.T) {
	body := `[{"traceId":"a","id":"b","tags":{"x":"\"traceId\""}},{"traceId":"c","id":"d"}]`
	if n, ok := countSpans([]byte(body), false); !ok || n != 2 {
		t.Errorf("countSpans = %d, %v; want 2 (an escaped value does not count)", n, ok)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(body))
	zw.Close()
	if n, ok := countSpans(gz.Bytes(), true); !ok || n != 2 {
		t.Errorf("countSpans(gzipped) = %d, %v; want 2", n, ok)
	}
	if _, ok := countSpans([]byte(body), true); ok {
		t.Error("a body that is not gzip decoded as gzip")
	}
}

// TestOutageAccounting: the check passes only when every sampled span is
// reported or dropped, nothing is left queued, and the collector's count
// matches.
func TestOutageAccounting(t *testing.T) {
	st := zipkin.Stats{Sampled: 100}
	st.Reported = 60
	st.Dropped[zipkin.DropQueueFull] = 30
	st.Dropped[zipkin.DropRetriesExhausted] = 10
	r := outageResult{final: sample{Tracer: &st}, collectorSpans: 60}
	if a, ok := r.accounting(); !ok || !a.ok {
		t.Errorf("balanced counters: %+v", a)
	}
	r.collectorSpans = 61
	if a, _ := r.accounting(); a.ok {
		t.Error("a collector count above the reported one passed")
	}
	r.collectorSpans = 60
	st.Sampled = 101
	if a, _ := r.accounting(); a.ok {
		t.Error("a sampled span neither reported nor dropped passed")
	}
	st.QueuedSpans = 1
	if a, _ := r.accounting(); a.ok {
		t.Error("a span still queued after the flush passed")
	}
}

func TestOutageHeapSummary(t *testing.T) {
	mb := func(n uint64) uint64 { return n << 20 }
	r := outageResult{before: 3 * time.Second, down: 3 * time.Second, after: 10 * time.Second, downAt: 3 * time.Second, upAt: 6 * time.Second}
	heap := []uint64{10, 12, 11, 30, 40, 35, 20, 14, 12, 11, 13, 12, 11, 12, 12, 11}
	for i, h := range heap {
		p := phaseBefore
		switch {
		case i >= 6:
			p = phaseAfter
		case i >= 3:
			p = phaseDown
		}
		at := time.Duration(i+1) * time.Second
		r.samples = append(r.samples, outageSample{t: at, phase: p, sample: sample{HeapInuse: mb(h), HeapLive: mb(h / 2), Served: int64(i) * 1000}})
	}
	h := r.heap()
	if h.baseline != mb(11) || h.baselineMax != mb(12) || h.maxDown != mb(40) {
		t.Errorf("baseline %d (max %d), max during %d MiB; want 11 (12), 40", h.baseline>>20, h.baselineMax>>20, h.maxDown>>20)
	}
	// Within 10% of 12 MiB (13.2) for good from the sample at 9 s.
	if h.settled != 3*time.Second {
		t.Errorf("settled %v after the return, want 3s", h.settled)
	}
	if len(h.afterAt) != 2 || h.afterAt[0].heap != mb(13) || h.afterAt[1].heap != mb(11) {
		t.Errorf("heap after the return %+v, want 13 MiB at +5 s and 11 at +10 s", h.afterAt)
	}
	if h.reqPerSec[phaseBefore] != 1000 {
		t.Errorf("req/s before %v, want 1000", h.reqPerSec[phaseBefore])
	}
}

func TestParseCollected(t *testing.T) {
	out := "==123== Events    : Ir\n==123== Collected : 591460648\n==123==\n==123== I   refs:      591,460,648\n"
	if n, err := parseCollected(out); err != nil || n != 591460648 {
		t.Errorf("parseCollected = %d, %v; want 591460648", n, err)
	}
	if _, err := parseCollected("==1== valgrind: fatal error"); err == nil {
		t.Error("parseCollected found a count in output without one")
	}
}

func TestWriteInstructions(t *testing.T) {
	vs, err := selectVariants("untraced,floor,zipkingen-100")
	if err != nil {
		t.Fatal(err)
	}
	rs := []instrResult{{vs[0], 200000}, {vs[1], 220000}, {vs[2], 242000}}
	var buf bytes.Buffer
	writeInstructions(&buf, rs, 2000)
	got := buf.String()
	for _, want := range []string{
		"at 1000 and at 3000 requests",
		"| untraced | 200000 | 1.000 | +0 | 0.909 |",
		"| zipkingen 100% | 242000 | 1.210 | +42000 | 1.100 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("instruction table lacks %q:\n%s", want, got)
		}
	}
	buf.Reset()
	writeInstructions(&buf, nil, 2000)
	if buf.Len() != 0 {
		t.Errorf("no counts wrote %q", buf.String())
	}
}
