// Package options traces functions with every trace option: name, each
// kind, remote service, and combinations.
package options

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Client is a client call to a remote service.
//
//zipkin:trace kind=client remote="inventory"
func Client(ctx context.Context) {
	_, span := zipkin.Start(ctx, "options.Client") //zipkin:generated oneline
	defer span.End(nil)                            //zipkin:generated
	span.SetKind(zipkin.Client)                    //zipkin:generated
	span.SetRemoteService("inventory")             //zipkin:generated
}

// Server serves.
//
//zipkin:trace kind=server
func Server(ctx context.Context) {
	_, span := zipkin.Start(ctx, "options.Server") //zipkin:generated oneline
	defer span.End(nil)                            //zipkin:generated
	span.SetKind(zipkin.Server)                    //zipkin:generated
}

// Producer sends to a queue.
//
//zipkin:trace kind=producer remote="kafka"
func Producer(ctx context.Context) {
	_, span := zipkin.Start(ctx, "options.Producer") //zipkin:generated oneline
	defer span.End(nil)                              //zipkin:generated
	span.SetKind(zipkin.Producer)                    //zipkin:generated
	span.SetRemoteService("kafka")                   //zipkin:generated
}

// Consumer receives from a queue.
//
//zipkin:trace kind=consumer
func Consumer(ctx context.Context) {
	_, span := zipkin.Start(ctx, "options.Consumer") //zipkin:generated oneline
	defer span.End(nil)                              //zipkin:generated
	span.SetKind(zipkin.Consumer)                    //zipkin:generated
}

// Named overrides the span name and keeps the other options in any order.
//
//zipkin:trace remote="db" name="db.query" kind=client
func Named(ctx context.Context) {
	_, span := zipkin.Start(ctx, "db.query") //zipkin:generated oneline
	defer span.End(nil)                      //zipkin:generated
	span.SetKind(zipkin.Client)              //zipkin:generated
	span.SetRemoteService("db")              //zipkin:generated
}

// Escaped has a name with quotes and a backslash in it.
//
//zipkin:trace name="say \"hi\" \\ bye"
func Escaped(ctx context.Context) {
	_, span := zipkin.Start(ctx, "say \"hi\" \\ bye") //zipkin:generated oneline
	defer span.End(nil)                               //zipkin:generated
}

// Spaces has extra spaces between keys.
//
//zipkin:trace   name="spaced"    kind=client
func Spaces(ctx context.Context) {
	_, span := zipkin.Start(ctx, "spaced") //zipkin:generated oneline
	defer span.End(nil)                    //zipkin:generated
	span.SetKind(zipkin.Client)            //zipkin:generated
}
