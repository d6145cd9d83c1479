package generated

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// ErrEmptyID is returned for an empty id, so that the function has an
// error path to instrument.
var ErrEmptyID = errors.New("empty id")

// Lookup is a small traced function: a tag from a parameter at entry, an
// annotation and a tag from a local before statements, an error result.
//
//zipkin:trace
//zipkin:tag user.id id
func Lookup(ctx context.Context, id string) (_ int, err error) {
	ctx, span := zipkin.Start(ctx, "generated.Lookup") //zipkin:generated results
	defer span.End(&err)                               //zipkin:generated
	span.Tag("user.id", id)                            //zipkin:generated
	if id == "" {
		return 0, ErrEmptyID
	}
	//zipkin:annotate "cache miss"
	span.Annotate("cache miss") //zipkin:generated
	n := checksum(id)
	//zipkin:tag lookup.sum n
	span.TagInt("lookup.sum", int64(n)) //zipkin:generated
	return n, ctx.Err()
}

// checksum is the function's work: a few nanoseconds, the same in every
// version of the benchmark.
func checksum(s string) int {
	h := 17
	for i := 0; i < len(s); i++ {
		h = h*31 + int(s[i])
	}
	return h
}
