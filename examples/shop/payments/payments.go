package payments

//go:generate go tool zipkingen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Charge is the body of POST /charge; Amount is in cents.
type Charge struct {
	OrderID string `json:"order_id"`
	Amount  int64  `json:"amount"`
}

// Receipt is the answer to an authorized charge.
type Receipt struct {
	AuthCode string `json:"auth_code"`
}

// reviewThreshold is the amount (in cents) above which a charge goes to the
// fraud review, which in this demo is always unavailable.
const reviewThreshold = 100_000

// ErrReviewUnavailable is the failure every large charge meets.
var ErrReviewUnavailable = errors.New("payments: fraud review backend unavailable")

// Handler routes the payment service's HTTP API.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /charge", serveCharge)
	return mux
}

func serveCharge(w http.ResponseWriter, r *http.Request) {
	var c Charge
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	receipt, err := Authorize(r.Context(), c)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(receipt)
}

// Authorize approves a charge, sending large ones to fraud review first.
//
//zipkin:trace
//zipkin:tag order.id c.OrderID
//zipkin:tag payment.amount c.Amount
func Authorize(ctx context.Context, c Charge) (_ Receipt, zipkinErr error) {
	ctx, span := zipkin.Start(ctx, "payments.Authorize") //zipkin:generated results
	defer span.End(&zipkinErr)                           //zipkin:generated
	span.Tag("order.id", c.OrderID)                      //zipkin:generated
	span.TagInt("payment.amount", c.Amount)              //zipkin:generated
	if c.Amount > reviewThreshold {
		//zipkin:annotate "fraud review required"
		span.Annotate("fraud review required") //zipkin:generated
		if err := review(ctx, c); err != nil {
			return Receipt{}, err
		}
	}
	time.Sleep(time.Millisecond) // the card network
	return Receipt{AuthCode: fmt.Sprintf("AUTH-%s", c.OrderID)}, nil
}

// review asks the fraud review backend, which never answers: the call times
// out.
//
//zipkin:trace kind=client remote="fraud-review"
//zipkin:tag order.id c.OrderID
func review(ctx context.Context, c Charge) (err error) {
	ctx, span := zipkin.Start(ctx, "payments.review") //zipkin:generated results
	defer span.End(&err)                              //zipkin:generated
	span.SetKind(zipkin.Client)                       //zipkin:generated
	span.SetRemoteService("fraud-review")             //zipkin:generated
	span.Tag("order.id", c.OrderID)                   //zipkin:generated
	ctx, cancel := context.WithTimeout(ctx, 3*time.Millisecond)
	defer cancel()
	<-ctx.Done()
	return fmt.Errorf("%w: order %s: %v", ErrReviewUnavailable, c.OrderID, ctx.Err())
}
