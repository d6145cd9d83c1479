// Package contextmethod traces functions whose context source is a
// parameter or receiver with a Context() context.Context method.
package contextmethod

import "context"

// ServerStream is like a gRPC server stream.
type ServerStream interface {
	Context() context.Context
	Send(msg string) error
}

// Echo takes the stream as a parameter.
//
//zipkin:trace kind=server
func Echo(msg string, stream ServerStream) error {
	return stream.Send(msg)
}

// Session has a Context method.
type Session struct{ ctx context.Context }

// Context returns the session's context.
func (s *Session) Context() context.Context { return s.ctx }

// Do is a method whose receiver is the source.
//
//zipkin:trace
func (s *Session) Do() string { return "done" }

// Prefer takes both a context and a stream: the context wins.
//
//zipkin:trace
func Prefer(stream ServerStream, ctx context.Context) {}
