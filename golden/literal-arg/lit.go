// Package literalarg traces function literals passed as arguments.
package literalarg

import (
	"context"
	"sync"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Group runs functions concurrently and keeps the first error.
type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

// Go runs f in a goroutine.
func (g *Group) Go(ctx context.Context, f func(context.Context) error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(ctx); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

// Wait waits for every function.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// Fetch runs two traced literals passed as arguments; their spans are
// children of Fetch's span.
//
//zipkin:trace
func Fetch(ctx context.Context, fail bool) (err error) {
	ctx, span := zipkin.Start(ctx, "literalarg.Fetch") //zipkin:generated results
	defer span.End(&err)                               //zipkin:generated
	var g Group
	//zipkin:trace name="fetch.a"
	g.Go(ctx, func(ctx context.Context) (err error) {
		_, span := zipkin.Start(ctx, "fetch.a") //zipkin:generated results
		defer span.End(&err)                    //zipkin:generated
		return nil
	})
	//zipkin:trace
	g.Go(ctx, func(ctx context.Context) (err error) {
		_, span := zipkin.Start(ctx, "literalarg.Fetch.func2") //zipkin:generated results
		defer span.End(&err)                                   //zipkin:generated
		if fail {
			return context.Canceled
		}
		return nil
	})
	return g.Wait()
}
