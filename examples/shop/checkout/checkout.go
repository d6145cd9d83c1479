package checkout

//go:generate go tool zipkingen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/zipkingen/zipkingen/examples/shop/inventory"
	"github.com/zipkingen/zipkingen/examples/shop/payments"
	"github.com/zipkingen/zipkingen/examples/shop/worker"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Request is the body of POST /checkout; Price is in cents.
type Request struct {
	ItemID string `json:"item_id"`
	Price  int64  `json:"price"`
}

// Publisher publishes an event on a topic; queue.Publisher is one.
type Publisher interface {
	Publish(ctx context.Context, topic string, body any) error
}

// Reserver sets an item aside; inventory.Client, which calls the
// inventory service over gRPC, is one.
type Reserver interface {
	Reserve(ctx context.Context, req *inventory.ReserveRequest) (*inventory.ReserveReply, error)
}

// Service places orders.
type Service struct {
	Inventory   Reserver     // reserves the item (a gRPC client traced by zipkingrpc)
	PaymentsURL string       // base URL of the payments service
	Client      *http.Client // carries the trace to payments (a zipkinhttp transport)
	Orders      Publisher    // where order events go

	nextID atomic.Uint64
}

// Handler routes the checkout service's HTTP API.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /checkout", s.serveCheckout)
	return mux
}

func (s *Service) serveCheckout(w http.ResponseWriter, r *http.Request) {
	var req Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	order, err := s.PlaceOrder(r.Context(), req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(order)
}

// PlaceOrder charges for the item and announces the order.
//
//zipkin:trace
//zipkin:tag item.id req.ItemID
func (s *Service) PlaceOrder(ctx context.Context, req Request) (_ worker.Order, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "checkout.Service.PlaceOrder") //zipkin:generated results
	defer span.End(&zipkinErr)                                    //zipkin:generated
	span.Tag("item.id", req.ItemID)                               //zipkin:generated
	order := worker.Order{ID: fmt.Sprintf("order-%d", s.nextID.Add(1)), ItemID: req.ItemID}
	//zipkin:tag order.id order.ID
	span.Tag("order.id", order.ID) //zipkin:generated
	reservation, err := s.Inventory.Reserve(ctx, &inventory.ReserveRequest{ItemID: req.ItemID})
	if err != nil {
		return worker.Order{}, fmt.Errorf("checkout: reserving %s: %w", req.ItemID, err)
	}
	//zipkin:tag reservation.id reservation.Reservation
	if span.IsRecording() { //zipkin:generated
		span.Tag("reservation.id", reservation.Reservation) //zipkin:generated
	} //zipkin:generated
	receipt, err := s.charge(ctx, payments.Charge{OrderID: order.ID, Amount: req.Price})
	if err != nil {
		return worker.Order{}, err
	}
	order.AuthCode = receipt.AuthCode
	//zipkin:annotate "payment authorized"
	span.Annotate("payment authorized") //zipkin:generated
	if err := s.Orders.Publish(ctx, "orders", order); err != nil {
		return worker.Order{}, fmt.Errorf("checkout: publishing %s: %w", order.ID, err)
	}
	return order, nil
}

// charge calls the payments service.
func (s *Service) charge(ctx context.Context, c payments.Charge) (payments.Receipt, error) {
	body, err := json.Marshal(c)
	if err != nil {
		return payments.Receipt{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.PaymentsURL+"/charge", bytes.NewReader(body))
	if err != nil {
		return payments.Receipt{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.Client.Do(req)
	if err != nil {
		return payments.Receipt{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return payments.Receipt{}, fmt.Errorf("payments: %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	var receipt payments.Receipt
	err = json.NewDecoder(resp.Body).Decode(&receipt)
	return receipt, err
}
