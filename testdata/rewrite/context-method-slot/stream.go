// Package contextmethodslot traces a method whose context comes only from
// a stream's Context(), as a gRPC server-streaming method's does: with a
// span slot in the stream's context, what the body starts from
// stream.Context() is the method's child.
package contextmethodslot

import "context"

// Rectangle is a request.
type Rectangle struct{ N int }

// FeatureStream is shaped like a gRPC server stream.
type FeatureStream interface {
	Context() context.Context
	Send(name string) error
}

// Guide is a service.
type Guide struct{}

// lookup is a callee that takes the stream's context.
//
//zipkin:trace
func lookup(ctx context.Context, i int) string { return "feature" }

// ListFeatures sends N features, each looked up with stream.Context().
//
//zipkin:trace kind=server
func (Guide) ListFeatures(rect *Rectangle, stream FeatureStream) error {
	for i := 0; i < rect.N; i++ {
		if err := stream.Send(lookup(stream.Context(), i)); err != nil {
			return err
		}
	}
	return nil
}
