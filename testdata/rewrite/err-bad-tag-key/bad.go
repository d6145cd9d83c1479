// Package errbadtagkey uses tag keys outside [A-Za-z0-9_.\-/]+.
package errbadtagkey

import "context"

// Colon has a colon in its key.
//
//zipkin:trace
//zipkin:tag user:id id
func Colon(ctx context.Context, id string) {}

// Quoted has a quoted key.
//
//zipkin:trace
//zipkin:tag "user" id
func Quoted(ctx context.Context, id string) {}

// Stmt has a bad key on a statement directive.
//
//zipkin:trace
func Stmt(ctx context.Context, id string) string {
	//zipkin:tag user+id id
	return id
}
