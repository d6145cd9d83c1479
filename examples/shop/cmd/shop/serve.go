package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/zipkingen/zipkingen/examples/shop/catalog"
	"github.com/zipkingen/zipkingen/examples/shop/checkout"
	"github.com/zipkingen/zipkingen/examples/shop/frontend"
	"github.com/zipkingen/zipkingen/examples/shop/payments"
	"github.com/zipkingen/zipkingen/examples/shop/queue"
	"github.com/zipkingen/zipkingen/examples/shop/worker"
)

// listenPrefix starts the first line a service prints: its address.
const listenPrefix = "listening on "

// peers are the addresses of the services one service calls.
type peers struct {
	catalog, checkout, payments string // base URLs
	queue                       string // host:port of the order queue
	inventory                   string // host:port of the inventory service (gRPC)
}

// serve runs one service on a free loopback port until SIGINT or SIGTERM,
// then flushes its spans and prints its tracer's counters.
func serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("shop serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var p peers
	fs.StringVar(&p.catalog, "catalog", "", "catalog base `URL`")
	fs.StringVar(&p.checkout, "checkout", "", "checkout base `URL`")
	fs.StringVar(&p.payments, "payments", "", "payments base `URL`")
	fs.StringVar(&p.queue, "queue", "", "order queue `address`")
	fs.StringVar(&p.inventory, "inventory", "", "inventory service `address` (gRPC)")
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: shop serve SERVICE [flags]")
		return 2
	}
	name := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s%s\n", listenPrefix, l.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = runService(ctx, name, p, l, stderr)
	fmt.Fprintln(stdout, shutdownTracer(name, stderr).line())
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	return 0
}

// runService serves name on l until ctx is done.
func runService(ctx context.Context, name string, p peers, l net.Listener, stderr io.Writer) error {
	if name == "worker" {
		c := &queue.Consumer{Handle: worker.HandleOrder, ErrorLog: func(err error) { fmt.Fprintln(stderr, err) }}
		return serveUntil(ctx, func() error { return c.Serve(l) }, func(context.Context) error { return l.Close() })
	}
	if name == "inventory" {
		return serveInventory(ctx, l)
	}
	h, err := handler(name, p)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: tracedHandler(h), ReadHeaderTimeout: 5 * time.Second}
	return serveUntil(ctx, func() error { return srv.Serve(l) }, srv.Shutdown)
}

// handler builds the HTTP handler of an HTTP service.
func handler(name string, p peers) (http.Handler, error) {
	switch name {
	case "catalog":
		c, err := catalog.Open()
		if err != nil {
			return nil, err
		}
		return c.Handler(), nil
	case "payments":
		return payments.Handler(), nil
	case "checkout":
		inv, err := inventoryClient(p.inventory)
		if err != nil {
			return nil, err
		}
		s := &checkout.Service{Inventory: inv, PaymentsURL: p.payments, Client: tracedClient("payments"), Orders: &queue.Publisher{Addr: p.queue}}
		return s.Handler(), nil
	case "frontend":
		s := &frontend.Shop{CatalogURL: p.catalog, CheckoutURL: p.checkout, Client: tracedClient("")}
		return s.Handler(), nil
	}
	return nil, fmt.Errorf("unknown service %q", name)
}

// serveUntil runs serveFn until ctx is done, then stops it gracefully and
// waits for it to return.
func serveUntil(ctx context.Context, serveFn func() error, shutdown func(context.Context) error) error {
	done := make(chan error, 1)
	go func() { done <- serveFn() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
