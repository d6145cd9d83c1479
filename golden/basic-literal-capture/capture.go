// Package capture traces function literals without a context parameter:
// they start their span from the context variable they capture.
package capture

import (
	"context"
	"sync"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

type key struct{}

// Group runs functions on goroutines and waits for them, like errgroup.
type Group struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

// WithContext returns a group and a context derived from ctx.
func WithContext(ctx context.Context) (*Group, context.Context) {
	return &Group{}, context.WithValue(ctx, key{}, "group")
}

// Go runs f on a goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			g.err = err
			g.mu.Unlock()
		}
	}()
}

// Wait waits for every function and returns the last error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// Spawn runs a traced goroutine that reads the captured ctx.
//
//zipkin:trace
func Spawn(ctx context.Context, out chan<- context.Context) {
	ctx, span := zipkin.Start(ctx, "capture.Spawn") //zipkin:generated
	defer span.End(nil)                             //zipkin:generated
	var wg sync.WaitGroup
	wg.Add(1)
	//zipkin:trace
	go func() {
		ctx, span := zipkin.Start(ctx, "capture.Spawn.func1") //zipkin:generated
		defer span.End(nil)                                   //zipkin:generated
		defer wg.Done()
		out <- ctx
	}()
	wg.Wait()
}

// Fetch starts one traced function per url, each from a group whose
// context shadows the parameter: the literals must start from the inner
// ctx.
//
//zipkin:trace
func Fetch(ctx context.Context, urls []string, got func(context.Context, string) error) (zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "capture.Fetch") //zipkin:generated results
	defer span.End(&zipkinErr)                      //zipkin:generated
	for _, u := range urls {
		g, ctx := WithContext(ctx)
		//zipkin:trace
		g.Go(func() (err error) {
			ctx, span := zipkin.Start(ctx, "capture.Fetch.func1") //zipkin:generated results oneline
			defer span.End(&err)                                  //zipkin:generated
			return got(ctx, u)
		})
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

// Quiet runs a traced literal that never reads the captured ctx.
//
//zipkin:trace
func Quiet(ctx context.Context) int {
	ctx, span := zipkin.Start(ctx, "capture.Quiet") //zipkin:generated
	defer span.End(nil)                             //zipkin:generated
	n := 0
	//zipkin:trace
	func() {
		_, span := zipkin.Start(ctx, "capture.Quiet.func1") //zipkin:generated
		defer span.End(nil)                                 //zipkin:generated
		n++
	}()
	return n
}

// Early declares a traced literal before any context variable exists:
// it starts a new trace.
//
//zipkin:trace
func Early(out chan<- string) {
	_, span := zipkin.StartRoot("capture.Early") //zipkin:generated
	defer span.End(nil)                          //zipkin:generated
	//zipkin:trace
	f := func() {
		_, span := zipkin.StartRoot("capture.Early.func1") //zipkin:generated
		defer span.End(nil)                                //zipkin:generated
		out <- "early"
	}
	ctx := context.Background()
	_ = ctx
	f()
}
