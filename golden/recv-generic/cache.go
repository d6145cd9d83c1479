// Package recvgeneric traces methods of generic types: the span name drops
// the type parameters and the pointer.
package recvgeneric

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Cache is a generic map with loading.
type Cache[K comparable, V any] struct {
	m    map[K]V
	load func(context.Context, K) (V, error)
}

// New returns a cache over load.
func New[K comparable, V any](load func(context.Context, K) (V, error)) *Cache[K, V] {
	return &Cache[K, V]{m: map[K]V{}, load: load}
}

// Get returns the cached value or loads it.
//
//zipkin:trace
func (c *Cache[K, V]) Get(ctx context.Context, key K) (_ V, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "recvgeneric.Cache.Get") //zipkin:generated results
	defer span.End(&zipkinErr)                              //zipkin:generated
	if v, ok := c.m[key]; ok {
		return v, nil
	}
	v, err := c.load(ctx, key)
	if err != nil {
		return v, err
	}
	c.m[key] = v
	return v, nil
}

// Len is traced with a value receiver and a blank type parameter list.
//
//zipkin:trace
func (c Cache[_, _]) Len(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "recvgeneric.Cache.Len") //zipkin:generated oneline
	defer span.End(nil)                                   //zipkin:generated
	return len(c.m)
}

// Pair is a generic type with one parameter.
type Pair[T any] struct{ A, B T }

// Swap is traced with a named-result value receiver.
//
//zipkin:trace
func (p Pair[T]) Swap(ctx context.Context) (out Pair[T]) {
	_, span := zipkin.Start(ctx, "recvgeneric.Pair.Swap") //zipkin:generated
	defer span.End(nil)                                   //zipkin:generated
	out.A, out.B = p.B, p.A
	return
}
