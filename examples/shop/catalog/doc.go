// Package catalog is the example shop's product catalog service: it answers
// item lookups over HTTP. Its functions are traced only through
// //zipkin:trace directives, instrumented by `go generate`.
package catalog
