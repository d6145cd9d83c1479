// Package holder has a Context method with a pointer receiver, reached from
// values: the source is passed by address.
package holder

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

// Holder carries a context.
type Holder struct{ ctx context.Context }

// Context returns the held context.
func (h *Holder) Context() context.Context { return h.ctx }

// Use takes a Holder value.
//
//zipkin:trace
func Use(h Holder) bool {
	_, span := zipkin.StartFrom(&h, "holder.Use") //zipkin:generated oneline
	defer span.End(nil)                           //zipkin:generated
	return h.ctx != nil
}

// Check has a value receiver.
//
//zipkin:trace
func (h Holder) Check() bool {
	_, span := zipkin.StartFrom(&h, "holder.Holder.Check") //zipkin:generated oneline
	defer span.End(nil)                                    //zipkin:generated
	return h.ctx != nil
}
