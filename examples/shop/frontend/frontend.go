package frontend

//go:generate go tool zipkingen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/zipkingen/zipkingen/examples/shop/catalog"
	"github.com/zipkingen/zipkingen/examples/shop/checkout"
	"github.com/zipkingen/zipkingen/examples/shop/worker"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Shop serves the customer-facing pages.
type Shop struct {
	CatalogURL  string       // base URL of the catalog service
	CheckoutURL string       // base URL of the checkout service
	Client      *http.Client // carries the trace downstream (a zipkinhttp transport)
}

// Handler routes the shop's pages.
func (s *Shop) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", s.serveItem)
	mux.HandleFunc("GET /buy/{id}", s.serveBuy)
	return mux
}

func (s *Shop) serveItem(w http.ResponseWriter, r *http.Request) {
	item, err := s.item(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, err.Error(), statusOf(err))
		return
	}
	fmt.Fprintf(w, "%s: %d.%02d\n", item.Name, item.Price/100, item.Price%100)
}

// serveBuy buys one item. It is traced itself (its context source is the
// request) to show that form; the middleware's span is its parent.
//
//zipkin:trace
//zipkin:tag shop.item r.PathValue("id")
func (s *Shop) serveBuy(w http.ResponseWriter, r *http.Request) {
	r, span := zipkin.StartRequest(r, "frontend.Shop.serveBuy") //zipkin:generated
	defer span.End(nil)                                         //zipkin:generated
	if span.IsRecording() {                                     //zipkin:generated
		span.Tag("shop.item", r.PathValue("id")) //zipkin:generated
	} //zipkin:generated
	order, err := s.buy(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, err.Error(), statusOf(err))
		return
	}
	//zipkin:annotate "order placed"
	span.Annotate("order placed") //zipkin:generated
	fmt.Fprintf(w, "thank you: %s\n", order.ID)
}

// buy looks the item up and checks it out.
func (s *Shop) buy(ctx context.Context, id string) (worker.Order, error) {
	item, err := s.item(ctx, id)
	if err != nil {
		return worker.Order{}, err
	}
	var order worker.Order
	err = s.call(ctx, http.MethodPost, s.CheckoutURL+"/checkout", checkout.Request{ItemID: item.ID, Price: item.Price}, &order)
	return order, err
}

// item fetches an item from the catalog.
func (s *Shop) item(ctx context.Context, id string) (catalog.Item, error) {
	var item catalog.Item
	err := s.call(ctx, http.MethodGet, s.CatalogURL+"/items/"+id, nil, &item)
	return item, err
}

// statusError is a downstream service's failure, kept so the front can
// answer 404 for a missing item and 502 for everything else.
type statusError struct {
	status int
	msg    string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.status, http.StatusText(e.status), e.msg)
}

func statusOf(err error) int {
	if se, ok := err.(*statusError); ok && se.status == http.StatusNotFound {
		return http.StatusNotFound
	}
	return http.StatusBadGateway
}

// call sends a JSON request (body may be nil) and decodes a JSON answer.
func (s *Shop) call(ctx context.Context, method, url string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return &statusError{status: resp.StatusCode, msg: strings.TrimSpace(string(msg))}
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
