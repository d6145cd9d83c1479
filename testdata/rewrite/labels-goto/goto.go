// Package labelsgoto traces functions with labels, goto, labelled break
// and continue; statement directives sit before labelled statements.
package labelsgoto

import "context"

// Find searches a grid with labelled loops.
//
//zipkin:trace
func Find(ctx context.Context, grid [][]int, want int) (row, col int) {
	row, col = -1, -1
	//zipkin:annotate "search"
outer:
	for i, r := range grid {
		for j, v := range r {
			if v < 0 {
				continue outer
			}
			if v == want {
				row, col = i, j
				break outer
			}
		}
	}
	return row, col
}

// Retry loops with goto.
//
//zipkin:trace
func Retry(ctx context.Context, attempts int) (n int) {
again:
	n++
	if n < attempts {
		//zipkin:annotate "retry"
		goto again
	}
	if n > 100 {
		goto done
	}
	//zipkin:tag attempts n
	n *= 1
done:
	return n
}
