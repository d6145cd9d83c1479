// Package literalanywhere traces function literals wherever they stand.
package literalanywhere

import (
	"context"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Op is an operation on a context.
type Op func(ctx context.Context, n int) int

// Ops is a map of traced literals.
var Ops = map[string]Op{
	//zipkin:trace name="op.double"
	"double": func(ctx context.Context, n int) int {
		_, span := zipkin.Start(ctx, "op.double") //zipkin:generated oneline
		defer span.End(nil)                       //zipkin:generated
		return 2 * n
	},
	// Plain is not traced.
	"plain": func(ctx context.Context, n int) int { return n },
}

// Handler is a package-level literal with a request: it joins its trace.
//
//zipkin:trace
var Handler = func(w http.ResponseWriter, r *http.Request) {
	_, span := zipkin.StartRequest(r, "literalanywhere.init.func3") //zipkin:generated oneline
	defer span.End(nil)                                             //zipkin:generated
}

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
		func(ctx context.Context) int {
			_, span := zipkin.Start(ctx, "a.first") //zipkin:generated oneline
			defer span.End(nil)                     //zipkin:generated
			return 1
		},
		//zipkin:trace name="a.second"
		func(ctx context.Context) int {
			_, span := zipkin.Start(ctx, "a.second") //zipkin:generated oneline
			defer span.End(nil)                      //zipkin:generated
			return 2
		},
	)
	hs := []func() int{
		//zipkin:trace name="slice.elem"
		func() int {
			_, span := zipkin.Start(ctx, "slice.elem") //zipkin:generated oneline
			defer span.End(nil)                        //zipkin:generated
			return 3
		},
	}
	return []Route{{
		Path: "/b",
		//zipkin:trace name="field"
		//zipkin:tag route.path "/b"
		Do: func() int {
			_, span := zipkin.Start(ctx, "field") //zipkin:generated oneline
			defer span.End(nil)                   //zipkin:generated
			span.Tag("route.path", "/b")          //zipkin:generated
			return hs[0]()
		},
	}}
}

// Local declares traced literals in var and := statements.
func Local(ctx context.Context) int {
	//zipkin:trace name="local.var"
	var f = func() int {
		_, span := zipkin.Start(ctx, "local.var") //zipkin:generated oneline
		defer span.End(nil)                       //zipkin:generated
		return 4
	}
	//zipkin:trace name="local.define"
	g := func() int {
		_, span := zipkin.Start(ctx, "local.define") //zipkin:generated oneline
		defer span.End(nil)                          //zipkin:generated
		return 5
	}
	return f() + g()
}

// Make returns a traced literal.
func Make(ctx context.Context) func() int {
	//zipkin:trace name="returned"
	return func() int {
		_, span := zipkin.Start(ctx, "returned") //zipkin:generated oneline
		defer span.End(nil)                      //zipkin:generated
		return 6
	}
}
