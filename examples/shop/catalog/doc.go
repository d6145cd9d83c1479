// Package catalog is the example shop's product catalog service: it answers
// item lookups over HTTP from an SQLite database in memory. Its functions
// are traced through //zipkin:trace directives, instrumented by `go
// generate`, and its database calls through runtime/zipkinsql.
package catalog
