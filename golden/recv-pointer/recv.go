// Package recvpointer traces methods with pointer receivers, one of them
// without a receiver name.
package recvpointer

import (
	"context"
	"fmt"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Counter counts.
type Counter struct {
	n int
}

// Add adds d and fails on overflow past max.
//
//zipkin:trace
//zipkin:tag delta d
func (c *Counter) Add(ctx context.Context, d, max int) (err error) {
	_, span := zipkin.Start(ctx, "recvpointer.Counter.Add") //zipkin:generated results
	defer span.End(&err)                                    //zipkin:generated
	span.TagInt("delta", int64(d))                          //zipkin:generated
	if c.n+d > max {
		return fmt.Errorf("counter: %d+%d exceeds %d", c.n, d, max)
	}
	c.n += d
	return nil
}

// Reset has an unnamed receiver.
//
//zipkin:trace
func (*Counter) Reset(ctx context.Context) {
	_, span := zipkin.Start(ctx, "recvpointer.Counter.Reset") //zipkin:generated oneline
	defer span.End(nil)                                       //zipkin:generated
}

// Value has a blank receiver.
//
//zipkin:trace name="counter.value"
func (_ *Counter) Value(ctx context.Context) int {
	_, span := zipkin.Start(ctx, "counter.value") //zipkin:generated oneline
	defer span.End(nil)                           //zipkin:generated
	return 0
}
