// Package stale was instrumented before its directives changed: the old
// generated code is replaced, and code whose directive is gone is removed.
package stale

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Renamed now has a custom name and a tag.
//
//zipkin:trace name="renamed"
//zipkin:tag id id
func Renamed(ctx context.Context, id string) (err error) {
	_, span := zipkin.Start(ctx, "renamed") //zipkin:generated results
	defer span.End(&err)                    //zipkin:generated
	span.Tag("id", id)                      //zipkin:generated
	return nil
}

// Dropped lost its directive: its generated code goes away.
func Dropped(ctx context.Context) {}
