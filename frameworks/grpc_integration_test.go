package frameworks_test

import (
	"net"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/zipkingen/zipkingen/frameworks/grpcclient"
	"github.com/zipkingen/zipkingen/frameworks/grpcsvc"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkingrpc"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// dialWithIntegration serves the guide with runtime/zipkingrpc's handlers
// on both sides.
func dialWithIntegration(t *testing.T) *grpc.ClientConn {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer(grpc.StatsHandler(zipkingrpc.NewServerHandler(zipkingrpc.ServerOptions{})))
	s.RegisterService(&grpcsvc.ServiceDesc, grpcsvc.Guide{})
	go s.Serve(lis)
	t.Cleanup(s.Stop)
	cc, err := grpc.NewClient(lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(zipkingrpc.NewClientHandler(zipkingrpc.ClientOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// only returns the one recorded span satisfying ok.
func only(t *testing.T, rec *zipkin.Recorder, what string, ok func(zipkin.RecordedSpan) bool) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if ok(s) {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s spans, want 1", len(found), what)
	}
	return found[0]
}

func kind(k zipkin.Kind, method string) func(zipkin.RecordedSpan) bool {
	return func(s zipkin.RecordedSpan) bool { return s.Kind == k && strings.HasSuffix(s.Name, method) }
}

// TestGRPCWithIntegration: the generated code and zipkingrpc together.
// Unary: grpcclient.GetFeature → CLIENT span → SERVER span → the traced
// method → store.Get. Stream: SERVER span → ListFeatures → store.Get ×3,
// through the slot zipkingrpc installs in the stream's context.
func TestGRPCWithIntegration(t *testing.T) {
	rec := zipkintest.Record(t)
	cc := dialWithIntegration(t)
	ctx, p := zipkintest.Parent(t)
	if got, err := grpcclient.GetFeature(ctx, cc, 4); err != nil || got != "item-4" {
		t.Fatalf("GetFeature = %q, %v", got, err)
	}
	fn := zipkintest.Named(t, rec, "grpcclient.GetFeature")
	zipkintest.ChildOf(t, fn, p)
	method := zipkintest.Await(t, rec, "grpcsvc.Guide.GetFeature")
	client := only(t, rec, "CLIENT GetFeature", kind(zipkin.Client, "GetFeature"))
	server := only(t, rec, "SERVER GetFeature", func(s zipkin.RecordedSpan) bool {
		return s.Kind == zipkin.Server && s.ID != method.ID && strings.HasSuffix(s.Name, "GetFeature")
	})
	zipkintest.ChildOfSpan(t, client, fn)
	zipkintest.ChildOfSpan(t, server, client)
	zipkintest.ChildOfSpan(t, method, server)
	zipkintest.ChildOfSpan(t, zipkintest.Named(t, rec, "store.Get"), method)
	oneTrace(t, rec, fn)

	rec.Reset()
	s, err := grpcclient.ListFeatures(ctx, cc, 3)
	if err != nil {
		t.Fatal(err)
	}
	if names, err := grpcclient.Drain(s); err != nil || len(names) != 3 {
		t.Fatalf("Drain = %q, %v", names, err)
	}
	lf := zipkintest.Await(t, rec, "grpcsvc.Guide.ListFeatures")
	srv := only(t, rec, "SERVER ListFeatures", func(s zipkin.RecordedSpan) bool {
		return s.Kind == zipkin.Server && s.ID != lf.ID && strings.HasSuffix(s.Name, "ListFeatures")
	})
	zipkintest.ChildOfSpan(t, lf, srv)
	n := 0
	for _, sp := range rec.Spans() {
		if sp.Name == "store.Get" {
			n++
			zipkintest.ChildOfSpan(t, sp, lf)
		}
	}
	if n != 3 {
		t.Errorf("%d store.Get spans, want 3", n)
	}
}
