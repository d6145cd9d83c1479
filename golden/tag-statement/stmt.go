// Package tagstatement places tag and annotate directives before
// statements: each is evaluated where it stands, seeing the locals in scope
// there.
package tagstatement

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Process annotates and tags as it goes.
//
//zipkin:trace
func Process(ctx context.Context, items []string) (n int, err error) {
	_, span := zipkin.Start(ctx, "tagstatement.Process") //zipkin:generated
	defer span.End(&err)                                 //zipkin:generated
	//zipkin:annotate "start"
	span.Annotate("start") //zipkin:generated
	n = 0
	upper := make([]string, 0, len(items))
	for i, it := range items {
		//zipkin:tag item.index i
		span.TagInt("item.index", int64(i)) //zipkin:generated
		if it == "" || i < 0 {
			//zipkin:annotate "empty item"
			//zipkin:tag item.empty true
			span.Annotate("empty item")      //zipkin:generated
			span.TagBool("item.empty", true) //zipkin:generated
			continue
		}
		upper = append(upper, strings.ToUpper(it))
		n++
	}
	//zipkin:tag upper strings.Join(upper, ",")
	//zipkin:annotate "done"
	if span.IsRecording() { //zipkin:generated
		span.Tag("upper", strings.Join(upper, ",")) //zipkin:generated
		span.Annotate("done")                       //zipkin:generated
	} //zipkin:generated
	if n == 0 {
		err = errors.New("nothing processed")
	}
	//zipkin:tag err err
	span.TagError("err", err) //zipkin:generated
	return n, err
}

// Switch places directives in case clauses and a select.
//
//zipkin:trace
func Switch(ctx context.Context, mode int, ch chan int) string {
	_, span := zipkin.Start(ctx, "tagstatement.Switch") //zipkin:generated
	defer span.End(nil)                                 //zipkin:generated
	switch mode {
	case 0:
		//zipkin:annotate "zero"
		span.Annotate("zero") //zipkin:generated
		return "zero"
	default:
		//zipkin:tag mode mode
		span.TagInt("mode", int64(mode)) //zipkin:generated
		select {
		case v := <-ch:
			//zipkin:tag received v
			span.TagInt("received", int64(v)) //zipkin:generated
			return "got " + strconv.Itoa(v)
		default:
		}
	}
	//zipkin:annotate "fallthrough"
	span.Annotate("fallthrough") //zipkin:generated
	return "other"
}

// Literal has statement directives inside a traced literal, which use the
// literal's own span.
//
//zipkin:trace
func Literal(ctx context.Context) int {
	ctx, span := zipkin.Start(ctx, "tagstatement.Literal") //zipkin:generated
	defer span.End(nil)                                    //zipkin:generated
	//zipkin:trace
	f := func(ctx context.Context, x int) int {
		_, span := zipkin.Start(ctx, "tagstatement.Literal.func1") //zipkin:generated
		defer span.End(nil)                                        //zipkin:generated
		//zipkin:tag x x
		span.TagInt("x", int64(x)) //zipkin:generated
		return x * 2
	}
	//zipkin:annotate "calling literal"
	span.Annotate("calling literal") //zipkin:generated
	return f(ctx, 21)
}
