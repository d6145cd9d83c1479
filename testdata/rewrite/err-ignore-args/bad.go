// Package errignoreargs passes arguments to //zipkin:ignore.
package errignoreargs

import "context"

// Please has an argument.
//
//zipkin:ignore please
func Please(ctx context.Context) {}
