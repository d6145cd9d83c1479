// Package labelsgoto traces functions with labels, goto, labelled break
// and continue; statement directives sit before labelled statements.
package labelsgoto

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Find searches a grid with labelled loops.
//
//zipkin:trace
func Find(ctx context.Context, grid [][]int, want int) (row, col int) {
	_, span := zipkin.Start(ctx, "labelsgoto.Find") //zipkin:generated
	defer span.End(nil)                             //zipkin:generated
	row, col = -1, -1
	//zipkin:annotate "search"
	span.Annotate("search") //zipkin:generated
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
	_, span := zipkin.Start(ctx, "labelsgoto.Retry") //zipkin:generated
	defer span.End(nil)                              //zipkin:generated
again:
	n++
	if n < attempts {
		//zipkin:annotate "retry"
		span.Annotate("retry") //zipkin:generated
		goto again
	}
	if n > 100 {
		goto done
	}
	//zipkin:tag attempts n
	span.TagInt("attempts", int64(n)) //zipkin:generated
	n *= 1
done:
	return n
}
