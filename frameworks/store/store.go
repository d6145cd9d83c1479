// Package store is the callee every service calls with its request's
// context: its span must be a child of the handler's.
package store

//go:generate go tool zipkingen

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// ErrNotFound is returned for the id "missing".
var ErrNotFound = errors.New("not found")

// Get looks an item up.
//
//zipkin:trace kind=client remote="db"
//zipkin:tag item.id id
func Get(ctx context.Context, id string) (_ string, err error) {
	ctx, span := zipkin.Start(ctx, "store.Get") //zipkin:generated results
	defer span.End(&err)                        //zipkin:generated
	span.SetKind(zipkin.Client)                 //zipkin:generated
	span.SetRemoteService("db")                 //zipkin:generated
	span.Tag("item.id", id)                     //zipkin:generated
	if id == "missing" {
		return "", ErrNotFound
	}
	return "item-" + id, ctx.Err()
}
