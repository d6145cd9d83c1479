// Package errundefined refers to names that are not in scope where the
// directive is evaluated.
package errundefined

import "context"

// Entry refers to an undefined name in an entry tag.
//
//zipkin:trace
//zipkin:tag user.id userID
func Entry(ctx context.Context, id string) {}

// Later tags a local before it is declared.
//
//zipkin:trace
func Later(ctx context.Context, items []int) int {
	//zipkin:tag total total
	total := len(items)
	return total
}

// Inner tags a variable of a block that has ended.
//
//zipkin:trace
func Inner(ctx context.Context, items []int) int {
	for _, it := range items {
		if it < 0 {
			return it
		}
	}
	//zipkin:tag last it
	return 0
}

// Result tags an entry value using a local of the body: entry tags see
// only parameters, receiver and results.
//
//zipkin:trace
//zipkin:tag n n
func Result(ctx context.Context) int {
	n := 1
	return n
}
