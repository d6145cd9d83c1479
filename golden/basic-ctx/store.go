// Package store is a small cache in front of a slow loader.
package store

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Item is what the store holds.
type Item struct{ ID string }

// Store loads items.
type Store struct{ items map[string]*Item }

var errNotFound = errors.New("not found")

// Get returns the item with the given id.
//
//zipkin:trace kind=client remote="db"
//zipkin:tag user.id id
func (s *Store) Get(ctx context.Context, id string) (_ *Item, err error) {
	ctx, span := zipkin.Start(ctx, "store.Store.Get") //zipkin:generated results
	defer span.End(&err)                              //zipkin:generated
	span.SetKind(zipkin.Client)                       //zipkin:generated
	span.SetRemoteService("db")                       //zipkin:generated
	span.Tag("user.id", id)                           //zipkin:generated
	// Look in the map first.
	item, ok := s.items[id]
	if !ok {
		//zipkin:annotate "cache miss"
		span.Annotate("cache miss") //zipkin:generated
		return s.load(ctx, id)
	}
	return item, nil
}

//zipkin:trace
func (s *Store) load(ctx context.Context, id string) (item *Item, err error) {
	_, span := zipkin.Start(ctx, "store.Store.load") //zipkin:generated
	defer span.End(&err)                             //zipkin:generated
	if id == "" {
		return nil, errNotFound
	}
	//zipkin:tag item.size len(id)
	if span.IsRecording() { //zipkin:generated
		span.TagInt("item.size", int64(len(id))) //zipkin:generated
	} //zipkin:generated
	item = &Item{ID: id}
	return item, nil
}

// Helper is not traced.
func Helper(ctx context.Context) {}
