// Package allsources is rewritten with -all: every function and method
// with a context source is traced, the others are left alone.
package allsources

import (
	"context"
	"net/http"
	"strconv"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Store has methods with and without a context.
type Store struct{ data map[string]int }

// Get has a context parameter: traced.
func (s *Store) Get(ctx context.Context, key string) (_ int, err error) {
	_, span := zipkin.Start(ctx, "allsources.Store.Get") //zipkin:generated results
	defer span.End(&err)                                 //zipkin:generated
	v, ok := s.data[key]
	if !ok {
		return 0, strconv.ErrRange
	}
	return v, nil
}

// Len has no context source: left alone.
func (s *Store) Len() int { return len(s.data) }

// ServeHTTP has a request: traced from the request.
func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r, span := zipkin.StartRequest(r, "allsources.Store.ServeHTTP") //zipkin:generated
	defer span.End(nil)                                             //zipkin:generated
	v, err := s.Get(r.Context(), r.URL.Query().Get("key"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write([]byte(strconv.Itoa(v)))
}

// helper has no context source: left alone.
func helper(n int) int { return n * 2 }

// unexported functions with a context are traced too.
func double(ctx context.Context, n int) int {
	_, span := zipkin.Start(ctx, "allsources.double") //zipkin:generated oneline
	defer span.End(nil)                               //zipkin:generated
	return helper(n)
}

// Ignored has a context but opts out.
//
//zipkin:ignore
func Ignored(ctx context.Context) {}

// Named keeps its explicit directive options under -all.
//
//zipkin:trace name="custom" kind=server
func Named(ctx context.Context) {
	_, span := zipkin.Start(ctx, "custom") //zipkin:generated oneline
	defer span.End(nil)                    //zipkin:generated
	span.SetKind(zipkin.Server)            //zipkin:generated
}

// Rooted has no context source but is marked: traced as a new root.
//
//zipkin:trace
func Rooted() {
	_, span := zipkin.StartRoot("allsources.Rooted") //zipkin:generated oneline
	defer span.End(nil)                              //zipkin:generated
}

// Literal is traced, but function literals inside it are not traced by
// -all (only marked literals are).
func Literal(ctx context.Context) func(context.Context) int {
	_, span := zipkin.Start(ctx, "allsources.Literal") //zipkin:generated
	defer span.End(nil)                                //zipkin:generated
	return func(ctx context.Context) int { return double(ctx, 1) }
}
