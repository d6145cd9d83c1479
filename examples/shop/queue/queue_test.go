package queue_test

import (
	"context"
	"net"
	"testing"

	"github.com/zipkingen/zipkingen/examples/shop/queue"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestTraceCrossesTheQueue: the consumer's context continues the trace of
// the PRODUCER span that published the message, over a real loopback socket.
func TestTraceCrossesTheQueue(t *testing.T) {
	tr, rec := zipkin.NewTestTracer()
	defer zipkin.SetDefault(zipkin.SetDefault(tr))

	got := make(chan zipkin.SpanContext, 1)
	c := &queue.Consumer{Handle: func(ctx context.Context, msg queue.Message) error {
		sc, _ := zipkin.SpanContextFromContext(ctx)
		got <- sc
		return nil
	}}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- c.Serve(l) }()

	ctx, parent := zipkin.StartRoot("test.parent")
	if err := (&queue.Publisher{Addr: l.Addr().String()}).Publish(ctx, "orders", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	parent.End(nil)
	consumed := <-got
	l.Close()
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}

	var producer zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if s.Kind == zipkin.Producer {
			producer = s
		}
	}
	if producer.Name != "queue.Publisher.Publish" || producer.ParentID != parent.Context().ID ||
		producer.Tags["messaging.destination"] != "orders" || producer.RemoteEndpoint.ServiceName != "orders-queue" {
		t.Errorf("producer span = %+v, want queue.Publisher.Publish under the parent, topic orders, remote orders-queue", producer)
	}
	if consumed.TraceID != producer.TraceID || consumed.ID != producer.ID {
		t.Errorf("consumer context %v/%v, want the producer's %v/%v", consumed.TraceID, consumed.ID, producer.TraceID, producer.ID)
	}
}
