// Package app is the example service of the load test (issue 6): one route
// whose handler calls three functions and makes one outgoing HTTP call, in
// four builds that differ only in their tracing. zipkingen.go is
// instrumented by go tool zipkingen; the zipkin-go and OTel builds are
// instrumented by hand, and the untraced build not at all.
package app

//go:generate go tool zipkingen
