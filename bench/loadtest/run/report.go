package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// reportInput is everything the report shows.
type reportInput struct {
	o        options
	variants []variant
	ms       []measurement
	instr    []instrResult
	outages  []outageResult
	elapsed  time.Duration
	load     string // load average at the end
}

// summary is one variant over all rounds.
type summary struct {
	variant
	rounds                   int
	reqPerSec                stat  // req/s
	ratio                    stat  // req/s ÷ the same round's untraced
	p50, p99                 stat  // ms
	svcCPU, wrkCPU, colCPU   stat  // µs per request
	totalCPU                 stat  // µs per request
	peakRSS                  int64 // the largest over rounds
	bytesPerReq, batchesPerS stat  // to the collector
}

// stat is the median and range of one figure over rounds.
type stat struct{ median, min, max float64 }

func statOf(xs []float64) stat {
	if len(xs) == 0 {
		return stat{}
	}
	return stat{median: median(xs), min: slices.Min(xs), max: slices.Max(xs)}
}

// number is what median takes.
type number interface {
	~int | ~int64 | ~uint64 | ~float64
}

// median is the middle value (the mean of the two middle ones for an
// even count); 0 for none.
func median[T number](xs []T) T {
	var zero T
	if len(xs) == 0 {
		return zero
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1] + (s[n/2]-s[n/2-1])/2
}

// summarize groups measurements by variant, in vs's order. Per-round
// ratios divide by the untraced run of the same round, when there is one.
func summarize(vs []variant, ms []measurement) []summary {
	base := map[int]float64{}
	for _, m := range ms {
		if m.key == "untraced" {
			base[m.round] = m.wrk.ReqPerSec
		}
	}
	var out []summary
	for _, v := range vs {
		var rps, ratios, p50, p99, svc, wrk, col, total, bpr, bps []float64
		s := summary{variant: v}
		for _, m := range ms {
			if m.key != v.key {
				continue
			}
			s.rounds++
			rps = append(rps, m.wrk.ReqPerSec)
			if b := base[m.round]; b > 0 {
				ratios = append(ratios, m.wrk.ReqPerSec/b)
			}
			p50 = append(p50, float64(m.wrk.P50)/float64(time.Millisecond))
			p99 = append(p99, float64(m.wrk.P99)/float64(time.Millisecond))
			svc = append(svc, m.cpuPerReq(m.serviceCPU))
			wrk = append(wrk, m.cpuPerReq(m.wrkCPU))
			col = append(col, m.cpuPerReq(m.collectorCPU))
			total = append(total, m.cpuPerReq(m.totalCPU()))
			if m.wrk.Requests > 0 {
				bpr = append(bpr, float64(m.collected)/float64(m.wrk.Requests))
			}
			bps = append(bps, float64(m.collBatch)/m.measured().Seconds())
			s.peakRSS = max(s.peakRSS, m.peakRSS)
		}
		s.reqPerSec, s.ratio, s.p50, s.p99 = statOf(rps), statOf(ratios), statOf(p50), statOf(p99)
		s.svcCPU, s.wrkCPU, s.colCPU, s.totalCPU = statOf(svc), statOf(wrk), statOf(col), statOf(total)
		s.bytesPerReq, s.batchesPerS = statOf(bpr), statOf(bps)
		out = append(out, s)
	}
	return out
}

// measured is the duration of m's wrk run.
func (m measurement) measured() time.Duration {
	if m.wrk.ReqPerSec == 0 {
		return time.Second
	}
	return time.Duration(float64(m.wrk.Requests) / m.wrk.ReqPerSec * float64(time.Second))
}

// writeReport writes the load test's markdown section.
func writeReport(w io.Writer, in reportInput) {
	o := in.o
	fmt.Fprintln(w, "## Load test (issue 6)")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "bench/loadtest: the example service (one route, three traced functions, one\n"+
		"outgoing traced call to a backend in the same process) under `wrk -t%d -c%d`,\n"+
		"reporting to a loopback collector. %d rounds; in each, every variant runs\n"+
		"for %s after a %s warm-up, in a fresh process; the order alternates\n"+
		"between rounds (forward, then reversed) so that a drift in the machine's load\n"+
		"does not favour one variant. wrk, the service and the collector share the\n"+
		"machine's cores with whatever else runs on it (load average at the end: %s;\n"+
		"the whole run took %s). Command: `cd bench && go run ./loadtest/run %s`.\n\n",
		o.threads, o.connections, o.rounds, o.duration, o.warmup, orDash(in.load),
		in.elapsed.Round(time.Second), o.flags())
	if slices.ContainsFunc(in.variants, func(v variant) bool { return v.key == "floor" }) {
		fmt.Fprintln(w, "The floor is not a tracer: it is what any tracer with B3 propagation and a\n"+
			"Zipkin collector must do at 100% sampling on this service, and nothing more\n"+
			"(bench/loadtest/service/floor.go): the outgoing call carries the four B3\n"+
			"headers (constant values, on a copy of the request), and every request\n"+
			"appends the bytes zipkingen sends for its five spans (1,509 bytes of JSON,\n"+
			"pre-encoded) to a batch that one goroutine POSTs to the collector every\n"+
			"1,000 spans. No span objects, IDs, clocks, sampling or encoding. What a\n"+
			"tracer costs beyond the floor is its own work; the floor itself is the\n"+
			"least that tracing this service can cost. \"B3 headers only\" is the floor's\n"+
			"first half alone: what propagation costs at any sampling rate.")
		fmt.Fprintln(w)
	}
	sums := summarize(in.variants, in.ms)
	base, hasBase := findSummary(sums, "untraced")

	fmt.Fprintln(w, "### Throughput and latency")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Medians over the rounds, with the range (min–max). \"÷ untraced\" is the ratio\n"+
		"of the medians; \"per round\" is the range of the ratios to the untraced run of\n"+
		"the same round.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| variant | req/s | range | req/s ÷ untraced | per round | p50 | p50 ÷ untraced | p99 | p99 ÷ untraced |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, s := range sums {
		fmt.Fprintf(w, "| %s | %.0f | %.0f–%.0f | %s | %s | %.2f ms | %s | %.2f ms | %s |\n",
			s.name, s.reqPerSec.median, s.reqPerSec.min, s.reqPerSec.max,
			ratioOf(s.reqPerSec.median, base.reqPerSec.median, hasBase, 3),
			rangeOf(s.ratio, hasBase),
			s.p50.median, ratioOf(s.p50.median, base.p50.median, hasBase, 2),
			s.p99.median, ratioOf(s.p99.median, base.p99.median, hasBase, 2))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "### CPU per request")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "CPU time (user + system) per request served, medians over the rounds: the\n"+
		"service process (with its backend), wrk, and the collector (the runner's\n"+
		"process). Unlike req/s, it barely depends on what else the machine runs, so it\n"+
		"is the steadier measure of what tracing costs; \"total ÷ untraced\" is what\n"+
		"req/s ÷ untraced would be if the three were alone on the machine and\n"+
		"CPU-bound (its inverse).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| variant | service µs/req | range | wrk µs/req | collector µs/req | total µs/req | untraced total ÷ total | peak RSS | bytes to collector per req | collector requests/s |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, s := range sums {
		fmt.Fprintf(w, "| %s | %.1f | %.1f–%.1f | %.1f | %.1f | %.1f | %s | %s | %.0f | %.1f |\n",
			s.name, s.svcCPU.median, s.svcCPU.min, s.svcCPU.max, s.wrkCPU.median, s.colCPU.median,
			s.totalCPU.median, ratioOf(base.totalCPU.median, s.totalCPU.median, hasBase, 3),
			mib(s.peakRSS), s.bytesPerReq.median, s.batchesPerS.median)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The bytes the collector received are as sent. zipkingen gzips its batches\n"+
		"unless the collector is on this machine (zipkin.CompressAuto), so only the\n"+
		"\"gzip forced\" variant compresses here; the peers never do.")
	writeInstructions(w, in.instr, o.instructions)
	if o.profile > 0 {
		fmt.Fprintf(w, "\nCPU profiles of each service (%s of its first measured run): %s/<variant>.pprof.\n", o.profile, o.profileDir)
	}
	for _, r := range in.outages {
		fmt.Fprintln(w)
		writeOutage(w, o, r)
	}
}

func findSummary(sums []summary, key string) (summary, bool) {
	for _, s := range sums {
		if s.key == key {
			return s, true
		}
	}
	return summary{}, false
}

func ratioOf(a, b float64, ok bool, digits int) string {
	if !ok || b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.*f", digits, a/b)
}

func rangeOf(s stat, ok bool) string {
	if !ok || s.max == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f–%.3f", s.min, s.max)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// flags are the options as a command line, for the report.
func (o options) flags() string {
	f := fmt.Sprintf("-rounds %d -duration %s -warmup %s -connections %d -threads %d",
		o.rounds, o.duration, o.warmup, o.connections, o.threads)
	if o.variants != "" {
		f += " -variants " + o.variants
	}
	if o.outage > 0 {
		f += fmt.Sprintf(" -outage %s -outage-before %s -outage-after %s -outage-variants %s",
			o.outage, o.outageBefore, o.outageAfter, o.outageVariants)
	} else {
		f += " -outage 0"
	}
	f += fmt.Sprintf(" -instructions %d", o.instructions)
	return f
}

func writeOutage(w io.Writer, o options, r outageResult) {
	h := r.heap()
	fmt.Fprintf(w, "### Collector outage: %s\n\n", r.name)
	fmt.Fprintf(w, "The same load (`wrk -t%d -c%d`, %s without a break) against a service whose\n"+
		"collector is up for %s, then down for %s (its port closed and its\n"+
		"connections cut: every attempt is refused at once), then back on the same port\n"+
		"for %s; the tracer is flushed after the load. Every second the runner reads\n"+
		"the service's heap and its tracer's counters from a loopback debug listener\n"+
		"(bench/loadtest/service/debug.go).\n\n",
		o.threads, o.connections, r.before+r.down+r.after, r.before, r.down, r.after)
	fmt.Fprintln(w, "\"Heap in use\" is runtime.MemStats.HeapInuse: the bytes of the heap spans\n"+
		"holding objects, garbage not yet collected included; the live heap is\n"+
		"/gc/heap/live:bytes, what the last GC found reachable. The reporter's documented\n"+
		"cap is ReporterOptions.QueueBytes (default 16 MiB): an estimate of the memory of\n"+
		"the spans it holds (queued, being encoded, or being sent and retried; each span\n"+
		"charged its queue entry, its Span value and the strings it points to), checked\n"+
		"on every Report; the encode buffers (three batches of at most BatchBytes,\n"+
		"compressed, and one gzip compressor of about 800 kB) come on top, and so do\n"+
		"the request contexts that server spans keep reachable (a few hundred bytes each).\n"+
		"It bounds what the reporter keeps reachable, so it is compared with the live\n"+
		"heap, which under load also counts what was allocated while the GC was\n"+
		"marking; heap in use can exceed baseline + cap by up to the garbage the GC\n"+
		"allows (GOGC=100: as much again as the live heap).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| | value |")
	fmt.Fprintln(w, "|---|--:|")
	fmt.Fprintf(w, "| req/s before / during / after the outage | %.0f / %.0f / %.0f |\n", h.reqPerSec[0], h.reqPerSec[1], h.reqPerSec[2])
	fmt.Fprintf(w, "| heap in use before: median (range) | %s (%s–%s) |\n", mibU(h.baseline), mibU(h.baselineMin), mibU(h.baselineMax))
	fmt.Fprintf(w, "| live heap before (median) | %s |\n", mibU(h.baselineLive))
	fmt.Fprintf(w, "| heap in use during, max | %s (baseline + %s) |\n", mibU(h.maxDown), mibDelta(h.maxDown, h.baseline))
	fmt.Fprintf(w, "| live heap during, max | %s (baseline + %s) |\n", mibU(h.maxDownLive), mibDelta(h.maxDownLive, h.baselineLive))
	if r.final.Tracer != nil {
		fmt.Fprintf(w, "| reporter's QueuedBytes, max (cap %s) | %s (%d spans) |\n",
			mibU(zipkin.DefaultQueueBytes), mibU(h.maxQueued), h.maxQueuedSpans)
	}
	for _, p := range h.afterAt {
		fmt.Fprintf(w, "| heap in use / live %s after the collector is back | %s / %s |\n", p.after, mibU(p.heap), mibU(p.live))
	}
	settled := "not within the run"
	if h.settled >= 0 {
		settled = fmt.Sprintf("%s after the collector is back", h.settled.Round(time.Second))
	}
	fmt.Fprintf(w, "| heap in use back for good within 10%% of the most seen before the outage | %s |\n", settled)
	if a, ok := r.accounting(); ok {
		st := r.final.Tracer
		fmt.Fprintf(w, "| spans sampled | %d |\n", a.sampled)
		fmt.Fprintf(w, "| reported (collector's 2xx) | %d |\n", a.reported)
		for i, n := range st.Dropped {
			fmt.Fprintf(w, "| dropped: %s | %d |\n", zipkin.DropReason(i), n)
		}
		fmt.Fprintf(w, "| still queued after the flush | %d |\n", a.queued)
		fmt.Fprintf(w, "| spans the collector counted | %d |\n", a.collected)
		verdict := "sampled = reported + dropped exactly, nothing queued, the collector counted every reported span"
		if !a.ok {
			verdict = "MISMATCH: " + strings.Join(a.problems, "; ")
		}
		fmt.Fprintf(w, "| accounting | %s |\n", verdict)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every 5 s:")
	fmt.Fprintln(w)
	withTracer := r.final.Tracer != nil
	if withTracer {
		fmt.Fprintln(w, "| t | collector | heap in use | live heap | queued spans | queued bytes | reported | dropped |")
		fmt.Fprintln(w, "|--:|---|--:|--:|--:|--:|--:|--:|")
	} else {
		fmt.Fprintln(w, "| t | collector | heap in use | live heap |")
		fmt.Fprintln(w, "|--:|---|--:|--:|")
	}
	next := 5 * time.Second
	for _, s := range r.samples {
		if s.t+500*time.Millisecond < next {
			continue
		}
		next += 5 * time.Second
		state := [...]string{"up", "down", "back"}[s.phase]
		fmt.Fprintf(w, "| %s | %s | %s | %s |", s.t.Round(time.Second), state, mibU(s.HeapInuse), mibU(s.HeapLive))
		if withTracer && s.Tracer != nil {
			fmt.Fprintf(w, " %d | %s | %d | %d |", s.Tracer.QueuedSpans, mibU(s.Tracer.QueuedBytes), s.Tracer.Reported, s.Tracer.TotalDropped())
		}
		fmt.Fprintln(w)
	}
}

func mib(b int64) string   { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
func mibU(b uint64) string { return mib(int64(b)) }
func mibDelta(a, b uint64) string {
	return fmt.Sprintf("%.1f MiB", (float64(a)-float64(b))/(1<<20))
}

// writeInstructions writes the table of instruction counts, if any, made
// over instrBase and instrBase+extra requests.
func writeInstructions(w io.Writer, rs []instrResult, extra int) {
	if len(rs) == 0 {
		return
	}
	var base, floor float64
	for _, r := range rs {
		switch r.key {
		case "untraced":
			base = r.perRequest
		case "floor":
			floor = r.perRequest
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Instructions per request")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "The steadier measure (run/instructions.go): valgrind's callgrind counts\n"+
		"the user-space instructions of BenchmarkService (service, backend, tracer\n"+
		"and a discarding loopback collector in one process, in-process clients in\n"+
		"place of wrk, GOMAXPROCS=1) at %d and at %d requests; the difference per\n"+
		"request excludes the set-up. It moves far less than req/s and CPU time,\n"+
		"which follow the machine's load: repeated counts of the untraced service\n"+
		"agreed within 0.6%%, of zipkingen at 100%% within 2.5%% (a tracer's flush\n"+
		"timer fires by wall time, which valgrind stretches about a hundredfold). It\n"+
		"leaves out kernel work (socket system calls) and cache misses: work done,\n"+
		"not time taken.\n\n",
		instrBase, instrBase+extra)
	fmt.Fprintln(w, "| variant | instructions/req | ÷ untraced | added per request | ÷ floor |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|")
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s |\n", r.name, r.perRequest,
			ratioOf(r.perRequest, base, base > 0, 3), added(r.perRequest, base),
			ratioOf(r.perRequest, floor, floor > 0, 3))
	}
}

// added is v − base as a signed count, or a dash without a base.
func added(v, base float64) string {
	if base <= 0 {
		return "—"
	}
	return fmt.Sprintf("%+.0f", v-base)
}
