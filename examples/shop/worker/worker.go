package worker

//go:generate go tool zipkingen

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/zipkingen/zipkingen/examples/shop/queue"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Order is the event checkout publishes for each paid order.
type Order struct {
	ID       string `json:"id"`
	ItemID   string `json:"item_id"`
	AuthCode string `json:"auth_code"`
}

// HandleOrder is the queue.Handler for order events.
//
//zipkin:trace kind=consumer remote="orders-queue"
//zipkin:tag messaging.destination msg.Topic
func HandleOrder(ctx context.Context, msg queue.Message) (zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "worker.HandleOrder") //zipkin:generated results
	defer span.End(&zipkinErr)                           //zipkin:generated
	span.SetKind(zipkin.Consumer)                        //zipkin:generated
	span.SetRemoteService("orders-queue")                //zipkin:generated
	span.Tag("messaging.destination", msg.Topic)         //zipkin:generated
	var o Order
	if err := json.Unmarshal(msg.Body, &o); err != nil {
		return fmt.Errorf("worker: bad order event: %w", err)
	}
	//zipkin:tag order.id o.ID
	span.Tag("order.id", o.ID) //zipkin:generated
	return sendReceipt(ctx, o)
}

// sendReceipt e-mails the customer, as far as a demo does.
//
//zipkin:trace
//zipkin:tag auth.code o.AuthCode
func sendReceipt(ctx context.Context, o Order) (err error) {
	ctx, span := zipkin.Start(ctx, "worker.sendReceipt") //zipkin:generated results
	defer span.End(&err)                                 //zipkin:generated
	span.Tag("auth.code", o.AuthCode)                    //zipkin:generated
	//zipkin:annotate "receipt rendered"
	span.Annotate("receipt rendered") //zipkin:generated
	select {
	case <-time.After(time.Millisecond): // the mail server
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
