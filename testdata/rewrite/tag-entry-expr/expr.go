// Package tagentryexpr tags expressions evaluated at entry in the
// function's scope: parameters, receiver fields, calls, conversions.
package tagentryexpr

import (
	"context"
	"strconv"
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
func (s *Service) Handle(ctx context.Context, id int) error { return nil }

func kind(id int) string {
	if id%2 == 0 {
		return "even"
	}
	return "odd" + strconv.Itoa(id%2)
}
