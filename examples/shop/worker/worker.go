package worker

//go:generate go run github.com/zipkingen/zipkingen/cmd/zipkingen

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/zipkingen/zipkingen/examples/shop/queue"
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
func HandleOrder(ctx context.Context, msg queue.Message) error {
	var o Order
	if err := json.Unmarshal(msg.Body, &o); err != nil {
		return fmt.Errorf("worker: bad order event: %w", err)
	}
	//zipkin:tag order.id o.ID
	return sendReceipt(ctx, o)
}

// sendReceipt e-mails the customer, as far as a demo does.
//
//zipkin:trace
//zipkin:tag auth.code o.AuthCode
func sendReceipt(ctx context.Context, o Order) error {
	//zipkin:annotate "receipt rendered"
	time.Sleep(time.Millisecond)
	return nil
}
