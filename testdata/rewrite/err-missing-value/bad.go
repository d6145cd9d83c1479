// Package errmissingvalue leaves out the values of tag and annotate.
package errmissingvalue

import "context"

// NoValue tags a key without a value.
//
//zipkin:trace
//zipkin:tag key
func NoValue(ctx context.Context) {}

// NoKey tags nothing.
//
//zipkin:trace
//zipkin:tag
func NoKey(ctx context.Context) {}

// Empty annotates nothing.
//
//zipkin:trace
func Empty(ctx context.Context) {
	//zipkin:annotate
	_ = 0
}
