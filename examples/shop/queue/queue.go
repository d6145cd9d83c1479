package queue

//go:generate go tool zipkingen

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// Message is one queued message. Headers carry metadata such as the trace
// context; Body is the payload.
type Message struct {
	Topic   string            `json:"topic"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    json.RawMessage   `json:"body"`
}

// ack is the broker's answer to each message: an empty error means stored.
type ack struct {
	Error string `json:"error,omitempty"`
}

// Publisher sends messages to a queue at a loopback address.
type Publisher struct {
	Addr string
}

// Publish sends one message and waits for the queue to acknowledge it. The
// current trace context is injected into the message's headers.
//
//zipkin:trace kind=producer remote="orders-queue"
//zipkin:tag messaging.destination topic
func (p *Publisher) Publish(ctx context.Context, topic string, body any) (zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "queue.Publisher.Publish") //zipkin:generated results
	defer span.End(&zipkinErr)                                //zipkin:generated
	span.SetKind(zipkin.Producer)                             //zipkin:generated
	span.SetRemoteService("orders-queue")                     //zipkin:generated
	span.Tag("messaging.destination", topic)                  //zipkin:generated
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	msg := Message{Topic: topic, Headers: map[string]string{}, Body: raw}
	zipkin.Inject(ctx, zipkin.MapCarrier(msg.Headers))
	return p.send(ctx, msg)
}

func (p *Publisher) send(ctx context.Context, msg Message) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", p.Addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	if err := json.NewEncoder(conn).Encode(msg); err != nil {
		return err
	}
	var a ack
	if err := json.NewDecoder(conn).Decode(&a); err != nil {
		return fmt.Errorf("queue: reading the acknowledgement: %w", err)
	}
	if a.Error != "" {
		return errors.New(a.Error)
	}
	return nil
}

// Handler processes one message. ctx carries the producer's trace context,
// extracted from the message headers.
type Handler func(ctx context.Context, msg Message) error

// Consumer accepts messages on a listener and hands each to a Handler after
// acknowledging it, like a broker with one subscriber.
type Consumer struct {
	Handle Handler
	// ErrorLog receives handler errors. Nil: they are ignored.
	ErrorLog func(error)

	wg sync.WaitGroup
}

// Serve accepts connections until l is closed, then waits for the messages
// being handled, so that their spans end before the tracer is flushed.
func (c *Consumer) Serve(l net.Listener) error {
	defer c.wg.Wait()
	for {
		conn, err := l.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.serveConn(conn)
		}()
	}
}

func (c *Consumer) serveConn(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	dec, enc := json.NewDecoder(bufio.NewReader(conn)), json.NewEncoder(conn)
	for {
		var msg Message
		if err := dec.Decode(&msg); err != nil {
			return // the publisher closed the connection, or sent garbage
		}
		if err := enc.Encode(ack{}); err != nil {
			return
		}
		c.dispatch(msg)
	}
}

// dispatch continues the producer's trace from the message headers.
func (c *Consumer) dispatch(msg Message) {
	ctx := context.Background()
	if sc, ok := zipkin.Extract(zipkin.MapCarrier(msg.Headers)); ok {
		ctx = zipkin.ContextWithSpanContext(ctx, sc)
	}
	if err := c.Handle(ctx, msg); err != nil && c.ErrorLog != nil {
		c.ErrorLog(err)
	}
}
