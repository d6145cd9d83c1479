package main

import (
	"context"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/zipkingen/zipkingen/examples/shop/inventory"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
)

// serveInventory runs the inventory service, the shop's gRPC server, on l
// until ctx is done. Its handler records a SERVER span per RPC, joining the
// caller's trace from the metadata.
func serveInventory(ctx context.Context, l net.Listener) error {
	srv := grpc.NewServer(grpc.StatsHandler(zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{
		SkipMethods: zipkingrpc.HealthAndReflection(),
	})))
	inventory.Register(srv, inventory.New())
	return serveUntil(ctx, func() error { return srv.Serve(l) }, func(context.Context) error {
		srv.GracefulStop()
		return nil
	})
}

// inventoryClient calls the inventory service at addr; its handler records
// a CLIENT span per RPC and puts the trace into the metadata.
func inventoryClient(addr string) (inventory.Client, error) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{RemoteService: "inventory"})))
	return inventory.Client{Conn: conn}, err
}
