// Package literalanywhere traces function literals wherever they stand.
package literalanywhere

import (
	"context"
	"net/http"
)

// Op is an operation on a context.
type Op func(ctx context.Context, n int) int

// Ops is a map of traced literals.
var Ops = map[string]Op{
	//zipkin:trace name="op.double"
	"double": func(ctx context.Context, n int) int { return 2 * n },
	// Plain is not traced.
	"plain": func(ctx context.Context, n int) int { return n },
}

// Handler is a package-level literal with a request: it joins its trace.
//
//zipkin:trace
var Handler = func(w http.ResponseWriter, r *http.Request) {}

// Route is a struct with a function field.
type Route struct {
	Path string
	Do   func() int
}

// Register passes several traced literals to one call, and stores them in
// slices and struct fields.
func Register(ctx context.Context, add func(path string, hs ...func(context.Context) int)) []Route {
	add("/a",
		//zipkin:trace name="a.first"
		func(ctx context.Context) int { return 1 },
		//zipkin:trace name="a.second"
		func(ctx context.Context) int { return 2 },
	)
	hs := []func() int{
		//zipkin:trace name="slice.elem"
		func() int { return 3 },
	}
	return []Route{{
		Path: "/b",
		//zipkin:trace name="field"
		//zipkin:tag route.path "/b"
		Do: func() int { return hs[0]() },
	}}
}

// Local declares traced literals in var and := statements.
func Local(ctx context.Context) int {
	//zipkin:trace name="local.var"
	var f = func() int { return 4 }
	//zipkin:trace name="local.define"
	g := func() int { return 5 }
	return f() + g()
}

// Make returns a traced literal.
func Make(ctx context.Context) func() int {
	//zipkin:trace name="returned"
	return func() int { return 6 }
}
