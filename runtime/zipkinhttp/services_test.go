package zipkinhttp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestTwoServices runs service A (middleware, a traced function, the client
// transport) calling service B (middleware, a traced function) over real
// loopback HTTP, once per inject format, and checks that the recorders of
// both hold one trace with the right parents and kinds.
func TestTwoServices(t *testing.T) {
	for _, format := range []string{"b3", "b3single", "w3c", "uber"} {
		t.Run(format, func(t *testing.T) {
			trA, recA := newTracer(t, "a", format)
			trB, recB := newTracer(t, "b", format)

			muxB := http.NewServeMux()
			muxB.HandleFunc("GET /stock/{sku}", func(w http.ResponseWriter, r *http.Request) {
				_, span := trB.Start(r.Context(), "b.lookup") // a //zipkin:trace function
				defer span.End(nil)
				io.WriteString(w, "7")
			})
			srvB := httptest.NewServer(Middleware(muxB, ServerOptions{Tracer: trB}))
			defer srvB.Close()

			client := &http.Client{Transport: Transport(nil, ClientOptions{Tracer: trA, RemoteService: "b"})}
			muxA := http.NewServeMux()
			muxA.HandleFunc("GET /order", func(w http.ResponseWriter, r *http.Request) {
				ctx, span := trA.Start(r.Context(), "a.checkStock")
				defer span.End(nil)
				req, _ := http.NewRequestWithContext(ctx, "GET", srvB.URL+"/stock/x1", nil)
				resp, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(w, resp.Body)
				resp.Body.Close()
			})
			srvA := httptest.NewServer(Middleware(muxA, ServerOptions{Tracer: trA}))
			defer srvA.Close()

			resp, err := http.Get(srvA.URL + "/order")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(body) != "7" {
				t.Fatalf("A answered %q", body)
			}
			spans := byName(append(waitSpans(t, recA, 3), waitSpans(t, recB, 2)...))
			assertTree(t, spans, []edge{
				{"GET /order", "", zipkin.Server, "a"},
				{"a.checkStock", "GET /order", zipkin.Unspecified, "a"},
				{"GET", "a.checkStock", zipkin.Client, "a"},
				{"GET /stock/{sku}", "GET", zipkin.Server, "b"},
				{"b.lookup", "GET /stock/{sku}", zipkin.Unspecified, "b"},
			})
		})
	}
}

// TestStartRequestWithoutMiddleware: a traced function whose context
// source is *http.Request, with no middleware in front, joins the trace in
// the request's headers (zipkin.StartRequest extracting them).
func TestStartRequestWithoutMiddleware(t *testing.T) {
	for _, format := range []string{"b3", "w3c", "uber"} {
		trA, recA := newTracer(t, "a", format)
		trB, recB := newTracer(t, "b", "")
		srvB := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r, span := trB.StartRequest(r, "b.handle") // what generated code does
			defer span.End(nil)
			if zipkin.SpanFromContext(r.Context()) != span {
				t.Error("the request does not carry the span")
			}
		}))
		ctx, root := trA.Start(context.Background(), "a.main")
		req, _ := http.NewRequestWithContext(ctx, "GET", srvB.URL, nil)
		resp, err := (&http.Client{Transport: Transport(nil, ClientOptions{Tracer: trA})}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		root.End(nil)
		srvB.Close()
		spans := byName(append(waitSpans(t, recA, 2), waitSpans(t, recB, 1)...))
		t.Run(format, func(t *testing.T) {
			assertTree(t, spans, []edge{
				{"a.main", "", zipkin.Unspecified, "a"},
				{"GET", "a.main", zipkin.Client, "a"},
				{"b.handle", "GET", zipkin.Unspecified, "b"},
			})
		})
	}
}

type edge struct {
	name, parent string
	kind         zipkin.Kind
	service      string
}

func byName(spans []zipkin.RecordedSpan) map[string]zipkin.RecordedSpan {
	m := make(map[string]zipkin.RecordedSpan, len(spans))
	for _, s := range spans {
		m[s.Name] = s
	}
	return m
}

// assertTree checks that spans form exactly the tree described by edges,
// all in one trace.
func assertTree(t *testing.T, spans map[string]zipkin.RecordedSpan, edges []edge) {
	t.Helper()
	if len(spans) != len(edges) {
		t.Fatalf("got spans %v, want %d distinct names", keys(spans), len(edges))
	}
	trace := spans[edges[0].name].TraceID
	for _, e := range edges {
		s, ok := spans[e.name]
		if !ok {
			t.Errorf("no span %q among %v", e.name, keys(spans))
			continue
		}
		var wantParent zipkin.SpanID
		if e.parent != "" {
			wantParent = spans[e.parent].ID
		}
		if s.TraceID != trace || s.ParentID != wantParent || s.Kind != e.kind || s.LocalEndpoint.ServiceName != e.service {
			t.Errorf("span %q: trace %v parent %v kind %v service %q; want trace %v parent %q (%v) kind %v service %q",
				e.name, s.TraceID, s.ParentID, s.Kind, s.LocalEndpoint.ServiceName, trace, e.parent, wantParent, e.kind, e.service)
		}
	}
}

func keys(m map[string]zipkin.RecordedSpan) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
