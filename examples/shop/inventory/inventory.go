package inventory

//go:generate go tool zipkingen

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"
)

// ReserveRequest asks to set one unit of an item aside.
type ReserveRequest struct {
	ItemID string `json:"item_id"`
}

// ReserveReply names the reservation and the units left.
type ReserveReply struct {
	Reservation string `json:"reservation"`
	Left        int    `json:"left"`
}

// Service keeps the stock of every item in memory.
type Service struct {
	mu    sync.Mutex
	stock map[string]int
	next  int
}

// New returns a Service with the shop's stock.
func New() *Service {
	return &Service{stock: map[string]int{"mug": 40, "book": 12, "gold-bar": 3}}
}

// Reserve sets one unit of the item aside; an unknown item is NOT_FOUND,
// an item out of stock FAILED_PRECONDITION.
//
//zipkin:trace
//zipkin:tag item.id req.ItemID
func (s *Service) Reserve(ctx context.Context, req *ReserveRequest) (_ *ReserveReply, err error) {
	_, span := zipkin.Start(ctx, "inventory.Service.Reserve") //zipkin:generated results
	defer span.End(&err)                                      //zipkin:generated
	if span.IsRecording() {                                   //zipkin:generated
		span.Tag("item.id", req.ItemID) //zipkin:generated
	} //zipkin:generated
	s.mu.Lock()
	defer s.mu.Unlock()
	left, ok := s.stock[req.ItemID]
	switch {
	case !ok:
		return nil, status.Errorf(codes.NotFound, "no item %q", req.ItemID)
	case left == 0:
		return nil, status.Errorf(codes.FailedPrecondition, "%s is out of stock", req.ItemID)
	}
	s.stock[req.ItemID] = left - 1
	s.next++
	//zipkin:tag stock.left left-1
	if span.IsRecording() { //zipkin:generated
		span.TagInt("stock.left", int64(left-1)) //zipkin:generated
	} //zipkin:generated
	return &ReserveReply{Reservation: fmt.Sprintf("res-%d", s.next), Left: left - 1}, nil
}

// ServiceName and ReserveMethod name the service and its method on the
// wire, as a .proto file would.
const (
	ServiceName   = "shop.inventory.Inventory"
	ReserveMethod = "/" + ServiceName + "/Reserve"
)

// Register serves s on srv.
func Register(srv grpc.ServiceRegistrar, s *Service) { srv.RegisterService(&serviceDesc, s) }

// reserver is what serviceDesc serves: grpc checks that a registered
// service implements its HandlerType.
type reserver interface {
	Reserve(context.Context, *ReserveRequest) (*ReserveReply, error)
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: ServiceName,
	HandlerType: (*reserver)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Reserve",
		Handler: func(srv any, ctx context.Context, dec func(any) error, intercept grpc.UnaryServerInterceptor) (any, error) {
			req := new(ReserveRequest)
			if err := dec(req); err != nil {
				return nil, err
			}
			if intercept == nil {
				return srv.(reserver).Reserve(ctx, req)
			}
			info := &grpc.UnaryServerInfo{Server: srv, FullMethod: ReserveMethod}
			return intercept(ctx, req, info, func(ctx context.Context, req any) (any, error) {
				return srv.(reserver).Reserve(ctx, req.(*ReserveRequest))
			})
		},
	}},
}

// Client calls the inventory service over conn.
type Client struct{ Conn grpc.ClientConnInterface }

// Reserve calls Service.Reserve.
func (c Client) Reserve(ctx context.Context, req *ReserveRequest) (*ReserveReply, error) {
	reply := new(ReserveReply)
	if err := c.Conn.Invoke(ctx, ReserveMethod, req, reply, grpc.CallContentSubtype(codecName)); err != nil {
		return nil, err
	}
	return reply, nil
}

// codecName is the content subtype of the service's messages: JSON,
// "application/grpc+json" on the wire.
const codecName = "json"

// jsonCodec encodes the service's messages as JSON. gRPC picks a codec by
// the request's content subtype, so it serves protobuf services on the
// same server as before.
type jsonCodec struct{}

func (jsonCodec) Marshal(v any) ([]byte, error)      { return json.Marshal(v) }
func (jsonCodec) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
func (jsonCodec) Name() string                       { return codecName }

func init() { encoding.RegisterCodec(jsonCodec{}) }
