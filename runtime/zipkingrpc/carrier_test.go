package zipkingrpc

import (
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// FuzzMetadataCarrier feeds extraction hostile metadata: any keys, values
// and repetitions. It must never panic, and what it accepts must be a
// usable parent or a bare decision.
func FuzzMetadataCarrier(f *testing.F) {
	f.Add("x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124", "x-b3-spanid", "a2fb4a1d1a96d312", 1)
	f.Add("b3", "463ac35c9f6413ad48485a3953bb6124-a2fb4a1d1a96d312-1", "b3", "0", 2)
	f.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate", "a=b", 3)
	f.Add("uber-trace-id", "463ac35c9f6413ad48485a3953bb6124%3Aa2fb4a1d1a96d312%3A0%3A3", "x-b3-flags", "1", 1)
	f.Add("tracestate", strings.Repeat("k=v,", 2000), "traceparent", "00-00000000000000000000000000000000-0000000000000000-00", 4)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string, repeat int) {
		md := metadata.MD{}
		repeat = max(1, min(repeat, 16))
		for range repeat {
			md[strings.ToLower(k1)] = append(md[strings.ToLower(k1)], v1)
			md[strings.ToLower(k2)] = append(md[strings.ToLower(k2)], v2)
		}
		sc, ok := zipkin.Extract(MetadataCarrier(md))
		if !ok {
			return
		}
		if sc.IsValid() && (sc.TraceID.IsZero() || sc.ID == 0) {
			t.Fatalf("accepted a context with zero IDs: %+v", sc)
		}
		if len(sc.TraceState) > maxTracestate {
			t.Fatalf("tracestate of %d bytes", len(sc.TraceState))
		}
	})
}

// Huge and repeated values are refused without allocating in proportion
// to them: a well-formed context beside them is still found, at the cost
// of one allocation at most (a joined tracestate).
func TestHostileMetadata(t *testing.T) {
	huge := strings.Repeat("f", 1<<20)
	many := make([]string, 10000)
	for i := range many {
		many[i] = "k" + strings.Repeat("v", 10) + "=x"
	}
	md := metadata.MD{
		"b3":            {huge},
		"x-b3-traceid":  {huge, huge},
		"x-b3-spanid":   {huge},
		"traceparent":   {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
		"tracestate":    many,
		"uber-trace-id": {huge},
	}
	var sc zipkin.SpanContext
	var ok bool
	allocs := testing.AllocsPerRun(20, func() { sc, ok = zipkin.Extract(MetadataCarrier(md)) })
	if !ok || sc.TraceID.String() != "0af7651916cd43dd8448eb211c80319c" {
		t.Fatalf("extracted %+v, %v: want the traceparent", sc, ok)
	}
	if sc.TraceState != "" {
		t.Errorf("kept a tracestate of %d bytes", len(sc.TraceState))
	}
	if allocs > 0 {
		t.Errorf("%v allocations for hostile metadata, want none", allocs)
	}
}

// Extraction from well-formed metadata allocates nothing.
func TestExtractAllocations(t *testing.T) {
	md := metadata.MD{
		"x-b3-traceid": {"463ac35c9f6413ad48485a3953bb6124"},
		"x-b3-spanid":  {"a2fb4a1d1a96d312"},
		"x-b3-sampled": {"1"},
		"user-agent":   {"grpc-go"},
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, ok := zipkin.Extract(MetadataCarrier(md)); !ok {
			t.Fatal("nothing extracted")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per extraction, want 0", allocs)
	}
}

func TestMetadataCarrierInject(t *testing.T) {
	md := metadata.MD{"X-B3-Traceid": {"stale"}}
	sc := zipkin.SpanContext{TraceID: zipkin.TraceID{Low: 1}, ID: 2, Sampling: zipkin.Accept}
	zipkin.InjectSpanContext(sc, MetadataCarrier(md), zipkin.B3Multi)
	if got := md.Get("x-b3-traceid"); len(got) != 1 || got[0] != "0000000000000001" {
		t.Errorf("x-b3-traceid = %q", got)
	}
	back, ok := zipkin.Extract(MetadataCarrier(md))
	if !ok || back.TraceID != sc.TraceID || back.ID != sc.ID {
		t.Errorf("round trip: %+v, %v", back, ok)
	}
}

func TestCodeName(t *testing.T) {
	for c, want := range map[int]string{0: "OK", 1: "CANCELLED", 3: "INVALID_ARGUMENT", 16: "UNAUTHENTICATED", 17: "CODE(17)"} {
		if got := CodeName(codeOf(c)); got != want {
			t.Errorf("CodeName(%d) = %q, want %q", c, got, want)
		}
	}
}

func codeOf(c int) codes.Code { return codes.Code(c) }
