package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// writeReport writes the load test's markdown section.
func writeReport(w io.Writer, o options, ms []measurement, outages []outageResult) {
	fmt.Fprintln(w, "## Load test (issue 6)")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "bench/loadtest: the example service (one route, three traced functions, one\n"+
		"outgoing traced call to a backend in the same process) under `wrk -t%d -c%d`\n"+
		"for %s per variant after a 2 s warm-up, reporting to a loopback collector.\n"+
		"wrk, the service and the collector share the machine's cores. Ratios are to\n"+
		"the untraced build. The bytes the collector received are as sent: zipkingen\n"+
		"gzips its batches, the peers do not.\n\n", o.threads, o.connections, o.duration)
	fmt.Fprintln(w, "| variant | req/s | req/s ÷ untraced | p50 | p50 ÷ untraced | p99 | p99 ÷ untraced | peak RSS | bytes to collector |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|")
	base := ms[0].wrk
	for _, m := range ms {
		fmt.Fprintf(w, "| %s | %.0f | %.3f | %s | %.2f | %s | %.2f | %s | %s |\n",
			m.name, m.wrk.ReqPerSec, m.wrk.ReqPerSec/base.ReqPerSec,
			fmtDuration(m.wrk.P50), ratio(m.wrk.P50, base.P50),
			fmtDuration(m.wrk.P99), ratio(m.wrk.P99, base.P99),
			mib(m.peakRSS), mib(m.collected))
	}
	if len(outages) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "### Collector outage\n\nThe same load for %s with the collector's port closed (every export fails\n"+
		"at once): resident memory every %s and at its peak. Bounded reporters level off.\n\n", o.outage, outageStep)
	fmt.Fprint(w, "| variant | req/s |")
	for i := range outages[0].rss {
		fmt.Fprintf(w, " RSS at %s |", time.Duration(i+1)*outageStep)
	}
	fmt.Fprintln(w, " peak RSS |")
	fmt.Fprintln(w, "|---|--:|"+strings.Repeat("--:|", len(outages[0].rss)+1))
	for _, r := range outages {
		fmt.Fprintf(w, "| %s | %.0f |", r.name, r.reqPerSec)
		for i := range outages[0].rss {
			v := "—"
			if i < len(r.rss) {
				v = mib(r.rss[i])
			}
			fmt.Fprintf(w, " %s |", v)
		}
		fmt.Fprintf(w, " %s |\n", mib(r.peakRSS))
	}
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func fmtDuration(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
