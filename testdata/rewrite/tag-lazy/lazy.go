// Package taglazy has directive values with effects: a call, a channel
// receive, a field of a pointer that may be nil. They are evaluated only
// when the span records, never with tracing off or the trace unsampled.
package taglazy

import "context"

// Counter counts the calls of Bump.
type Counter struct{ N int }

// Bump counts a call and returns the count.
func (c *Counter) Bump() int {
	c.N++
	return c.N
}

// User is who a request is for; nil for anonymous requests.
type User struct{ ID int }

// Handle tags at entry and before statements.
//
//zipkin:trace
//zipkin:tag calls c.Bump()
//zipkin:tag user.id u.ID
//zipkin:tag const "yes"
func Handle(ctx context.Context, c *Counter, u *User, ch chan string) string {
	//zipkin:tag received <-ch
	//zipkin:annotate "received"
	out := "done"
	//zipkin:tag out out
	//zipkin:annotate "returning"
	return out
}
