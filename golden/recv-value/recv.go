// Package recvvalue traces a method with a value receiver.
package recvvalue

import (
	"context"
	"errors"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Store is used by value.
type Store struct {
	items map[string]string
}

// ErrNotFound is returned for a missing key.
var ErrNotFound = errors.New("not found")

// Get looks a key up.
//
//zipkin:trace
func (s Store) Get(ctx context.Context, key string) (_ string, err error) {
	_, span := zipkin.Start(ctx, "recvvalue.Store.Get") //zipkin:generated results
	defer span.End(&err)                                //zipkin:generated
	v, ok := s.items[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}
