// Package generated holds the function of the generated-versus-hand-written
// benchmark (issue 6) as the zipkingen command instruments it. lookup.go is
// rewritten by `go generate` and committed with its output, like any user's
// code; the hand-written zipkin-go and OTel versions live beside it.
package generated

//go:generate go tool zipkingen
