// Package tagstatement places tag and annotate directives before
// statements: each is evaluated where it stands, seeing the locals in scope
// there.
package tagstatement

import (
	"context"
	"errors"
	"strconv"
	"strings"
)

// Process annotates and tags as it goes.
//
//zipkin:trace
func Process(ctx context.Context, items []string) (n int, err error) {
	//zipkin:annotate "start"
	n = 0
	upper := make([]string, 0, len(items))
	for i, it := range items {
		//zipkin:tag item.index i
		if it == "" || i < 0 {
			//zipkin:annotate "empty item"
			//zipkin:tag item.empty true
			continue
		}
		upper = append(upper, strings.ToUpper(it))
		n++
	}
	//zipkin:tag upper strings.Join(upper, ",")
	//zipkin:annotate "done"
	if n == 0 {
		err = errors.New("nothing processed")
	}
	//zipkin:tag err err
	return n, err
}

// Switch places directives in case clauses and a select.
//
//zipkin:trace
func Switch(ctx context.Context, mode int, ch chan int) string {
	switch mode {
	case 0:
		//zipkin:annotate "zero"
		return "zero"
	default:
		//zipkin:tag mode mode
		select {
		case v := <-ch:
			//zipkin:tag received v
			return "got " + strconv.Itoa(v)
		default:
		}
	}
	//zipkin:annotate "fallthrough"
	return "other"
}

// Literal has statement directives inside a traced literal, which use the
// literal's own span.
//
//zipkin:trace
func Literal(ctx context.Context) int {
	//zipkin:trace
	f := func(ctx context.Context, x int) int {
		//zipkin:tag x x
		return x * 2
	}
	//zipkin:annotate "calling literal"
	return f(ctx, 21)
}
