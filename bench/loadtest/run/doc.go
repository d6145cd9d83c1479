// Command run is the load test of issue 6. It builds the example service
// (bench/loadtest/service) and, for each variant (untraced; the floor,
// which only sends B3 headers and pre-encoded span bytes, the least any
// tracer must do; zipkingen at 100% and 1% sampling, and at 100% with gzip
// forced; zipkin-go and OTel at 100% and 1%), starts it in a fresh process
// against a loopback collector
// and drives it with wrk. Variants are interleaved in rounds (-rounds,
// every variant once per round, alternate rounds in reverse order) and the
// report gives medians over the rounds with their range:
//
//   - req/s and p50/p99 latency, as ratios of medians to untraced, and the
//     range of the per-round ratios;
//   - CPU time per request of the service (from /proc/<pid>/stat), of wrk
//     (its rusage) and of the collector (this process's rusage), which
//     depends much less than req/s on what else the machine runs;
//   - peak RSS, and bytes and requests to the collector.
//
// Then the outage test (-outage, default 60 s): the same load for
// -outage-before with the collector up, -outage with it down (port
// closed, connections cut), -outage-after with it back on the same port.
// Every second the runner reads the service's heap (HeapInuse and the live
// heap) and its tracer's Stats from the service's loopback debug listener
// (-debug, service/debug.go); after the load it flushes the tracer and
// checks that sampled = reported + dropped exactly, that nothing is left
// queued, and that the collector (which decompresses and counts the spans
// it accepts in this test) counted every reported span.
//
// Last, unless -instructions 0, the user-space instructions per request of
// each variant, counted by valgrind over BenchmarkService
// (run/instructions.go): the measure that hardly moves with the
// machine's load.
//
//	cd bench && go run ./loadtest/run                   # the defaults: ~20 minutes
//	cd bench && go run ./loadtest/run -rounds 5 -variants untraced,zipkingen-1 -outage 0
//	cd bench && go run ./loadtest/run -profile 5s       # CPU profiles in results/loadtest-profiles
//
// wrk and valgrind must be on PATH (make loadtest installs them with
// apt-get). Everything listens on 127.0.0.1 only.
package main
