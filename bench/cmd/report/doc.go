// Command report turns the output of the side-by-side benchmarks into
// BENCHMARKS.md: medians per library, the ratios ours/zipkin-go and ours/OTel,
// and which of the project's speed targets the run met.
//
// Usage (as `make bench` runs it):
//
//	go run ./cmd/report -in results/bench.txt -benchstat results/benchstat.txt \
//		-keyed results/keyed.txt -out ../BENCHMARKS.md
//
// -keyed writes the results renamed X/zipkingen -> X/impl=zipkingen, so that
// `benchstat -col /impl` can put the libraries side by side in columns.
//
// -loadtest and -genspeed append the markdown sections that make loadtest
// and make genspeed write (results/loadtest.md, results/genspeed.md), or a
// line naming the command when a file is missing.
package main
