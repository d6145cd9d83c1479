// Package errduplicatekey repeats keys of //zipkin:trace.
package errduplicatekey

import "context"

// Name has two names.
//
//zipkin:trace name="a" kind=client name="b"
func Name(ctx context.Context) {}

// Kind has two kinds.
//
//zipkin:trace kind=client kind=server
func Kind(ctx context.Context) {}
