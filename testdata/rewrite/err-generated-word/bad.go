// Package errgeneratedword has a generated marker with a word the
// generator never writes.
package errgeneratedword

import "context"

// Stale carries a marker by hand.
func Stale(ctx context.Context) int {
	n := 1 //zipkin:generated bogus
	return n
}
