// Package tagentryexpr tags expressions evaluated at entry in the
// function's scope: parameters, receiver fields, calls, conversions.
package tagentryexpr

import (
	"context"
	"strconv"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// User has an ID.
type User struct {
	ID   int
	Tags []string
}

// Service holds a user.
type Service struct {
	user *User
	name string
}

// Handle tags receiver fields, parameters and calls.
//
//zipkin:trace
//zipkin:tag service s.name
//zipkin:tag user.id s.user.ID
//zipkin:tag user.tags len(s.user.Tags)
//zipkin:tag req.id strconv.Itoa(id)
//zipkin:tag req.big id > 100
//zipkin:tag req.kind kind(id)
func (s *Service) Handle(ctx context.Context, id int) (err error) {
	_, span := zipkin.Start(ctx, "tagentryexpr.Service.Handle") //zipkin:generated results oneline
	defer span.End(&err)                                        //zipkin:generated
	if span.IsRecording() {                                     //zipkin:generated
		span.Tag("service", s.name)                       //zipkin:generated
		span.TagInt("user.id", int64(s.user.ID))          //zipkin:generated
		span.TagInt("user.tags", int64(len(s.user.Tags))) //zipkin:generated
		span.Tag("req.id", strconv.Itoa(id))              //zipkin:generated
		span.TagBool("req.big", id > 100)                 //zipkin:generated
		span.Tag("req.kind", kind(id))                    //zipkin:generated
	} //zipkin:generated
	return nil
}

func kind(id int) string {
	if id%2 == 0 {
		return "even"
	}
	return "odd" + strconv.Itoa(id%2)
}
