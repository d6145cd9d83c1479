// Package errbadkind uses span kinds that do not exist.
package errbadkind

import "context"

// RPC is not a kind.
//
//zipkin:trace kind=rpc
func RPC(ctx context.Context) {}

// Quoted kinds are not accepted either: the kind is a bare word.
//
//zipkin:trace kind="client"
func Quoted(ctx context.Context) {}

// Upper is case-sensitive.
//
//zipkin:trace kind=CLIENT
func Upper(ctx context.Context) {}
