// Package nilsources traces functions that accept a nil source and handle
// it themselves, as real code does (go-github's RoundTrip(nil) returns an
// error): instrumentation must not turn that into a nil dereference, with
// tracing on or off.
package nilsources

import (
	"context"
	"errors"
	"net/http"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// ErrNil is returned for a nil argument.
var ErrNil = errors.New("nil argument")

// RoundTrip rejects a nil request.
//
//zipkin:trace kind=client
func RoundTrip(req *http.Request) (_ *http.Response, err error) {
	req, span := zipkin.StartRequest(req, "nilsources.RoundTrip") //zipkin:generated results
	defer span.End(&err)                                          //zipkin:generated
	span.SetKind(zipkin.Client)                                   //zipkin:generated
	if req == nil {
		return nil, ErrNil
	}
	return &http.Response{StatusCode: http.StatusNoContent, Request: req}, nil
}

// Stream is a context carrier.
type Stream interface {
	Context() context.Context
}

// Recv rejects a nil stream.
//
//zipkin:trace
func Recv(s Stream) (err error) {
	_, span := zipkin.StartFrom(s, "nilsources.Recv") //zipkin:generated results
	defer span.End(&err)                              //zipkin:generated
	if s == nil {
		return ErrNil
	}
	return nil
}

// Conn is a context carrier whose Context dereferences its receiver.
type Conn struct{ ctx context.Context }

// Context returns the connection's context.
func (c *Conn) Context() context.Context { return c.ctx }

// Close accepts a nil *Conn.
//
//zipkin:trace
func Close(c *Conn) (err error) {
	_, span := zipkin.StartFrom(c, "nilsources.Close") //zipkin:generated results
	defer span.End(&err)                               //zipkin:generated
	if c == nil {
		return ErrNil
	}
	return nil
}

// Work accepts a nil context, which the standard library forbids but real
// code passes in tests.
//
//zipkin:trace
func Work(ctx context.Context) bool {
	ctx, span := zipkin.Start(ctx, "nilsources.Work") //zipkin:generated oneline
	defer span.End(nil)                               //zipkin:generated
	return ctx == nil
}
