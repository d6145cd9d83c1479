// Package store is a small cache in front of a slow loader.
package store

import (
	"context"
	"errors"
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
func (s *Store) Get(ctx context.Context, id string) (*Item, error) {
	// Look in the map first.
	item, ok := s.items[id]
	if !ok {
		//zipkin:annotate "cache miss"
		return s.load(ctx, id)
	}
	return item, nil
}

//zipkin:trace
func (s *Store) load(ctx context.Context, id string) (item *Item, err error) {
	if id == "" {
		return nil, errNotFound
	}
	//zipkin:tag item.size len(id)
	item = &Item{ID: id}
	return item, nil
}

// Helper is not traced.
func Helper(ctx context.Context) {}
