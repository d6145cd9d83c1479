// Package contextmethod traces functions whose context source is a
// parameter or receiver with a Context() context.Context method.
package contextmethod

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// ServerStream is like a gRPC server stream.
type ServerStream interface {
	Context() context.Context
	Send(msg string) error
}

// Echo takes the stream as a parameter.
//
//zipkin:trace kind=server
func Echo(msg string, stream ServerStream) (err error) {
	_, span := zipkin.StartFrom(stream, "contextmethod.Echo") //zipkin:generated results
	defer span.End(&err)                                      //zipkin:generated
	span.SetKind(zipkin.Server)                               //zipkin:generated
	return stream.Send(msg)
}

// Session has a Context method.
type Session struct{ ctx context.Context }

// Context returns the session's context.
func (s *Session) Context() context.Context { return s.ctx }

// Do is a method whose receiver is the source.
//
//zipkin:trace
func (s *Session) Do() string {
	_, span := zipkin.StartFrom(s, "contextmethod.Session.Do") //zipkin:generated oneline
	defer span.End(nil)                                        //zipkin:generated
	return "done"
}

// Prefer takes both a context and a stream: the context wins.
//
//zipkin:trace
func Prefer(stream ServerStream, ctx context.Context) {
	_, span := zipkin.Start(ctx, "contextmethod.Prefer") //zipkin:generated oneline
	defer span.End(nil)                                  //zipkin:generated
}
