package interop

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	zgo "github.com/openzipkin/zipkin-go"
	zgohttp "github.com/openzipkin/zipkin-go/middleware/http"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter/recorder"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// ourTracer returns a zipkingen tracer that injects the formats named as in
// ZIPKIN_PROPAGATION.
func ourTracer(t *testing.T, propagation string) (*zipkin.Tracer, *zipkin.Recorder) {
	t.Helper()
	o, err := zipkin.OptionsFromEnv(func(key string) string {
		if key == "ZIPKIN_PROPAGATION" {
			return propagation
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := zipkin.NewRecorder()
	o.ServiceName, o.Reporter = "ours", rec
	tr, err := zipkin.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return tr, rec
}

func theirTracer(t *testing.T, opts ...zgo.TracerOption) (*zgo.Tracer, *recorder.ReporterRecorder) {
	t.Helper()
	rep := recorder.NewReporter()
	ep, _ := zgo.NewEndpoint("theirs", "127.0.0.1:0")
	tr, err := zgo.NewTracer(rep, append([]zgo.TracerOption{zgo.WithLocalEndpoint(ep)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return tr, rep
}

// waitTheirs waits for zipkin-go's server span: the middleware finishes it
// after the response has been written.
func waitTheirs(t *testing.T, rep *recorder.ReporterRecorder) model.SpanModel {
	t.Helper()
	var got []model.SpanModel
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if got = append(got, rep.Flush()...); len(got) > 0 {
			break
		}
	}
	if len(got) != 1 {
		t.Fatalf("zipkin-go recorded %d spans, want 1", len(got))
	}
	return got[0]
}

func waitOurs(t *testing.T, rec *zipkin.Recorder, n int) []zipkin.RecordedSpan {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if spans := rec.Spans(); len(spans) >= n {
			if len(spans) != n {
				t.Fatalf("recorded %d spans, want %d", len(spans), n)
			}
			return spans
		}
	}
	t.Fatalf("recorded %d spans, want %d", len(rec.Spans()), n)
	return nil
}

func sameTrace(ours zipkin.TraceID, theirs model.TraceID) bool {
	return ours.High == theirs.High && ours.Low == theirs.Low
}

// TestOurClientTheirServer: our transport calls a zipkin-go middleware.
// zipkin-go joins our client span (Zipkin's shared-span model by default,
// a child without it), in both B3 encodings that it reads.
func TestOurClientTheirServer(t *testing.T) {
	for _, tc := range []struct {
		propagation string
		shared      bool
	}{{"b3", true}, {"b3single", true}, {"b3", false}} {
		t.Run(tc.propagation, func(t *testing.T) {
			ours, ourRec := ourTracer(t, tc.propagation)
			theirs, theirRec := theirTracer(t, zgo.WithSharedSpans(tc.shared))
			srv := httptest.NewServer(zgohttp.NewServerMiddleware(theirs)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "ok")
			})))
			defer srv.Close()

			ctx, root := ours.Start(context.Background(), "caller")
			req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/x", nil)
			resp, err := (&http.Client{Transport: zipkinhttp.Transport(nil, zipkinhttp.ClientOptions{Tracer: ours})}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			root.End(nil)

			server := waitTheirs(t, theirRec)
			client := waitOurs(t, ourRec, 2)[0]
			if client.Kind != zipkin.Client || !sameTrace(client.TraceID, server.TraceID) {
				t.Fatalf("their server span is in trace %v, our client span %+v", server.TraceID, client)
			}
			if tc.shared {
				if uint64(server.ID) != uint64(client.ID) || !server.Shared || server.ParentID == nil || uint64(*server.ParentID) != uint64(client.ParentID) {
					t.Errorf("shared server span %v (parent %v, shared %v), want our client span %v (parent %v)", server.ID, server.ParentID, server.Shared, client.ID, client.ParentID)
				}
			} else if server.ParentID == nil || uint64(*server.ParentID) != uint64(client.ID) {
				t.Errorf("server span's parent %v, want our client span %v", server.ParentID, client.ID)
			}
			if server.Sampled == nil || !*server.Sampled {
				t.Errorf("zipkin-go did not honour our sampling decision: %v", server.Sampled)
			}
		})
	}
}

// TestTheirClientOurServer: zipkin-go's transport calls our middleware,
// with 64-bit and 128-bit trace IDs, which must travel unchanged.
func TestTheirClientOurServer(t *testing.T) {
	for _, wide := range []bool{false, true} {
		ours, ourRec := ourTracer(t, "")
		theirs, theirRec := theirTracer(t, zgo.WithTraceID128Bit(wide))
		mux := http.NewServeMux()
		mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
		srv := httptest.NewServer(zipkinhttp.Middleware(mux, zipkinhttp.ServerOptions{Tracer: ours}))

		rt, err := zgohttp.NewTransport(theirs)
		if err != nil {
			t.Fatal(err)
		}
		parent := theirs.StartSpan("their-caller")
		req, _ := http.NewRequestWithContext(zgo.NewContext(context.Background(), parent), "GET", srv.URL+"/items/1", nil)
		resp, err := (&http.Client{Transport: rt}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		parent.Finish()
		srv.Close()

		server := waitOurs(t, ourRec, 1)[0]
		var client model.SpanModel
		for _, s := range theirRec.Flush() {
			if s.Kind == model.Client {
				client = s
			}
		}
		if !sameTrace(server.TraceID, client.TraceID) || uint64(server.ParentID) != uint64(client.ID) {
			t.Errorf("128-bit=%v: our server span trace %v parent %v; their client span trace %v id %v",
				wide, server.TraceID, server.ParentID, client.TraceID, client.ID)
		}
		if server.TraceID.Is128() != wide || server.Name != "GET /items/{id}" || server.Kind != zipkin.Server {
			t.Errorf("128-bit=%v: our server span %+v", wide, server)
		}
	}
}

// TestTheirUnsampledDecisionIsHonoured: a trace zipkin-go decided not to
// sample is not recorded by us either.
func TestTheirUnsampledDecisionIsHonoured(t *testing.T) {
	ours, ourRec := ourTracer(t, "")
	theirs, _ := theirTracer(t, zgo.WithSampler(zgo.NeverSample))
	srv := httptest.NewServer(zipkinhttp.Middleware(http.NotFoundHandler(), zipkinhttp.ServerOptions{Tracer: ours}))
	defer srv.Close()
	rt, err := zgohttp.NewTransport(theirs)
	if err != nil {
		t.Fatal(err)
	}
	parent := theirs.StartSpan("their-caller")
	req, _ := http.NewRequestWithContext(zgo.NewContext(context.Background(), parent), "GET", srv.URL, nil)
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n := len(ourRec.Spans()); n != 0 {
		t.Errorf("recorded %d spans of a trace zipkin-go denied", n)
	}
}
