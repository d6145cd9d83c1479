// Package interop tests that traces cross between zipkingen's runtime and
// zipkin-go, the reference Go tracer, over real loopback HTTP in both
// directions. It is its own module so that the main module keeps no
// dependency on zipkin-go.
package interop
