// Package errquoting has badly quoted directive values.
package errquoting

import "context"

// Unterminated has an unterminated string.
//
//zipkin:trace name="open
func Unterminated(ctx context.Context) {}

// Bare has an unquoted name.
//
//zipkin:trace name=bare
func Bare(ctx context.Context) {}

// NoEquals has a key without "=".
//
//zipkin:trace name "x"
func NoEquals(ctx context.Context) {}

// BadEscape has an invalid escape.
//
//zipkin:trace remote="a\qb"
func BadEscape(ctx context.Context) {}
