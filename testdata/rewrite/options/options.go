// Package options traces functions with every trace option: name, each
// kind, remote service, and combinations.
package options

import "context"

// Client is a client call to a remote service.
//
//zipkin:trace kind=client remote="inventory"
func Client(ctx context.Context) {}

// Server serves.
//
//zipkin:trace kind=server
func Server(ctx context.Context) {}

// Producer sends to a queue.
//
//zipkin:trace kind=producer remote="kafka"
func Producer(ctx context.Context) {}

// Consumer receives from a queue.
//
//zipkin:trace kind=consumer
func Consumer(ctx context.Context) {}

// Named overrides the span name and keeps the other options in any order.
//
//zipkin:trace remote="db" name="db.query" kind=client
func Named(ctx context.Context) {}

// Escaped has a name with quotes and a backslash in it.
//
//zipkin:trace name="say \"hi\" \\ bye"
func Escaped(ctx context.Context) {}

// Spaces has extra spaces between keys.
//
//zipkin:trace   name="spaced"    kind=client
func Spaces(ctx context.Context) {}
