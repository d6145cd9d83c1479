// Package resultsnamed traces functions whose results are already named.
package resultsnamed

import (
	"context"
	"strconv"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Parse names both results; err is recorded as it is returned.
//
//zipkin:trace
func Parse(ctx context.Context, s string) (n int, err error) {
	_, span := zipkin.Start(ctx, "resultsnamed.Parse") //zipkin:generated
	defer span.End(&err)                               //zipkin:generated
	n, err = strconv.Atoi(s)
	return n, err
}

// Split has a named error result called e and no other results named
// differently.
//
//zipkin:trace
func Split(ctx context.Context, s string) (head, tail string, e error) {
	_, span := zipkin.Start(ctx, "resultsnamed.Split") //zipkin:generated
	defer span.End(&e)                                 //zipkin:generated
	if s == "" {
		e = strconv.ErrSyntax
		return
	}
	return s[:1], s[1:], nil
}
