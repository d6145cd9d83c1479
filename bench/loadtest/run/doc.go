// Command run is the load test of issue 6: it builds the example service
// (bench/loadtest/service), starts it once per variant (untraced, zipkingen
// at 100% and 1%, zipkin-go, OTel) against a loopback collector, drives it
// with wrk, and writes req/s and p50/p99 latency as ratios to the untraced
// build. A second part takes the collector away and samples the service's
// memory under load, to show that each reporter's memory stays bounded.
//
//	cd bench && go run ./loadtest/run -duration 15s -out results/loadtest.md
//
// wrk must be on PATH (make loadtest installs it with apt-get).
package main
