// Package taglazy has directive values with effects: a call, a channel
// receive, a field of a pointer that may be nil. They are evaluated only
// when the span records, never with tracing off or the trace unsampled.
package taglazy

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

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
	_, span := zipkin.Start(ctx, "taglazy.Handle") //zipkin:generated
	defer span.End(nil)                            //zipkin:generated
	if span.IsRecording() {                        //zipkin:generated
		span.TagInt("calls", int64(c.Bump())) //zipkin:generated
		span.TagInt("user.id", int64(u.ID))   //zipkin:generated
		span.Tag("const", "yes")              //zipkin:generated
	} //zipkin:generated
	//zipkin:tag received <-ch
	//zipkin:annotate "received"
	if span.IsRecording() { //zipkin:generated
		span.Tag("received", <-ch) //zipkin:generated
		span.Annotate("received")  //zipkin:generated
	} //zipkin:generated
	out := "done"
	//zipkin:tag out out
	//zipkin:annotate "returning"
	span.Tag("out", out)       //zipkin:generated
	span.Annotate("returning") //zipkin:generated
	return out
}
