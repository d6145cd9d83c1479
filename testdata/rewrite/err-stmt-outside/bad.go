// Package errstmtoutside puts statement directives in functions that are
// not traced: there is no span to annotate.
package errstmtoutside

import "context"

// Plain is not traced.
func Plain(ctx context.Context) int {
	//zipkin:annotate "hello"
	n := 1
	//zipkin:tag n n
	return n
}

// Literal is traced, but the untraced literal inside it is a function of
// its own: its statement directives have no span.
//
//zipkin:trace
func Literal(ctx context.Context) func() {
	return func() {
		//zipkin:annotate "inside"
		_ = 0
	}
}

// TagOnly has an entry tag without //zipkin:trace.
//
//zipkin:tag id id
func TagOnly(ctx context.Context, id string) {}
