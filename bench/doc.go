// Package bench measures zipkingen side by side with zipkin-go and the
// OpenTelemetry SDK, in the same `go test -bench` run, so that every number
// the project quotes is a ratio against a peer measured on the same machine.
//
// Each benchmark BenchmarkX has the sub-benchmarks X/zipkingen, X/zipkingo
// and X/otel doing the same work in each library's own idiom; `make bench`
// runs them, and bench/cmd/report turns the results into BENCHMARKS.md.
package bench
