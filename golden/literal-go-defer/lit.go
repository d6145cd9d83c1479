// Package literalgodefer traces function literals in go and defer
// statements.
package literalgodefer

import (
	"context"
	"sync"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Run starts a traced goroutine and a traced deferred cleanup, which has
// no context parameter and starts from the ctx it captures.
//
//zipkin:trace
func Run(ctx context.Context, out chan<- string) {
	ctx, span := zipkin.Start(ctx, "literalgodefer.Run") //zipkin:generated
	defer span.End(nil)                                  //zipkin:generated
	var wg sync.WaitGroup
	wg.Add(1)
	//zipkin:trace kind=producer
	go func(ctx context.Context) {
		_, span := zipkin.Start(ctx, "literalgodefer.Run.func1") //zipkin:generated
		defer span.End(nil)                                      //zipkin:generated
		span.SetKind(zipkin.Producer)                            //zipkin:generated
		defer wg.Done()
		out <- "worker"
	}(ctx)
	//zipkin:trace name="cleanup"
	defer func() {
		_, span := zipkin.Start(ctx, "cleanup") //zipkin:generated
		defer span.End(nil)                     //zipkin:generated
		wg.Wait()
		out <- "cleanup"
	}()
	out <- "run"
}
