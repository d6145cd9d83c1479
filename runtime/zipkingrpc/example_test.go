package zipkingrpc_test

import (
	"log"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
)

// A server and a client, each with its handler: every RPC between them is
// one trace, with the client's span the parent of the server's.
func Example() {
	srv := grpc.NewServer(grpc.StatsHandler(zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{
		SkipMethods: zipkingrpc.HealthAndReflection(),
	})))
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go srv.Serve(lis)
	defer srv.Stop()

	addr := lis.Addr().String()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{
			RemoteService: "inventory",
		})))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	// Output:
}
