// Package literal traces function literals, named like the compiler names
// them.
package literal

import (
	"context"
	"sync"
)

// Run starts workers.
//
//zipkin:trace
func Run(ctx context.Context, n int) {
	var wg sync.WaitGroup
	square := func(i int) int { return i * i }
	for i := 0; i < n; i++ {
		wg.Add(1)
		//zipkin:trace
		//zipkin:tag i i
		go func(ctx context.Context, i int) {
			defer wg.Done()
			_ = square(i)
		}(ctx, i)
	}
	wg.Wait()
}
