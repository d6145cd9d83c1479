// Package literal traces function literals, named like the compiler names
// them.
package literal

import (
	"context"
	"sync"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Run starts workers.
//
//zipkin:trace
func Run(ctx context.Context, n int) {
	ctx, span := zipkin.Start(ctx, "literal.Run") //zipkin:generated
	defer span.End(nil)                           //zipkin:generated
	var wg sync.WaitGroup
	square := func(i int) int { return i * i }
	for i := 0; i < n; i++ {
		wg.Add(1)
		//zipkin:trace
		//zipkin:tag i i
		go func(ctx context.Context, i int) {
			_, span := zipkin.Start(ctx, "literal.Run.func2") //zipkin:generated
			defer span.End(nil)                               //zipkin:generated
			span.TagInt("i", int64(i))                        //zipkin:generated
			defer wg.Done()
			_ = square(i)
		}(ctx, i)
	}
	wg.Wait()
}
