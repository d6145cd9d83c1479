// Package literalgodefer traces function literals in go and defer
// statements.
package literalgodefer

import (
	"context"
	"sync"
)

// Run starts a traced goroutine and a traced deferred cleanup, which has
// no context parameter and starts from the ctx it captures.
//
//zipkin:trace
func Run(ctx context.Context, out chan<- string) {
	var wg sync.WaitGroup
	wg.Add(1)
	//zipkin:trace kind=producer
	go func(ctx context.Context) {
		defer wg.Done()
		out <- "worker"
	}(ctx)
	//zipkin:trace name="cleanup"
	defer func() {
		wg.Wait()
		out <- "cleanup"
	}()
	out <- "run"
}
