// Package recvpointer traces methods with pointer receivers, one of them
// without a receiver name.
package recvpointer

import (
	"context"
	"fmt"
)

// Counter counts.
type Counter struct {
	n int
}

// Add adds d and fails on overflow past max.
//
//zipkin:trace
//zipkin:tag delta d
func (c *Counter) Add(ctx context.Context, d, max int) error {
	if c.n+d > max {
		return fmt.Errorf("counter: %d+%d exceeds %d", c.n, d, max)
	}
	c.n += d
	return nil
}

// Reset has an unnamed receiver.
//
//zipkin:trace
func (*Counter) Reset(ctx context.Context) {}

// Value has a blank receiver.
//
//zipkin:trace name="counter.value"
func (_ *Counter) Value(ctx context.Context) int { return 0 }
