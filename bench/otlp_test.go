package bench

import (
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

// anyString renders an official AnyValue as "type:value".
func anyString(v *commonpb.AnyValue) string {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return "string:" + x.StringValue
	case *commonpb.AnyValue_IntValue:
		return fmt.Sprintf("int:%d", x.IntValue)
	case *commonpb.AnyValue_DoubleValue:
		return fmt.Sprintf("double:%v", x.DoubleValue)
	case *commonpb.AnyValue_BoolValue:
		return fmt.Sprintf("bool:%v", x.BoolValue)
	}
	return fmt.Sprintf("other:%v", v)
}

func attrMap(t *testing.T, kvs []*commonpb.KeyValue) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, kv := range kvs {
		if _, dup := m[kv.Key]; dup {
			t.Errorf("attribute %q twice", kv.Key)
		}
		m[kv.Key] = anyString(kv.Value)
	}
	return m
}

// TestOTLPDecodesWithOfficialTypes decodes zipkingen's OTLP bytes with the
// official go.opentelemetry.io/proto/otlp types and checks every field
// against the Zipkin span it came from.
func TestOTLPDecodesWithOfficialTypes(t *testing.T) {
	typical := oursTypicalSpan(t) // SERVER, 128-bit trace, local and remote endpoints, 4 tags, 2 annotations
	rep := &keepReporter{}
	tr, err := zipkin.New(zipkin.Options{ServiceName: "worker", Reporter: rep})
	if err != nil {
		t.Fatal(err)
	}
	_, failed := tr.Start(context.Background(), "job", zipkin.WithParent(zipkin.SpanContext{
		TraceID: zipkin.TraceID{Low: 0x1234}, ID: 0x99, Sampling: zipkin.Accept}), zipkin.WithKind(zipkin.Consumer))
	failed.TagInt("attempt", -2)
	failed.TagFloat("load", 0.25)
	failed.TagBool("retry", true)
	failed.TagUint("huge", math.MaxUint64)
	jobErr := errors.New("queue closed")
	failed.End(&jobErr)

	var req coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(zipkin.AppendOTLPRequest(nil, []*zipkin.Span{typical, failed}), &req); err != nil {
		t.Fatalf("official types reject the request: %v", err)
	}
	if len(req.ResourceSpans) != 2 {
		t.Fatalf("%d ResourceSpans, want one per tracer", len(req.ResourceSpans))
	}
	for i, want := range []map[string]string{
		{"service.name": "string:" + jsonLocalSvc, "network.local.address": "string:" + jsonLocalIP, "network.local.port": fmt.Sprintf("int:%d", jsonLocalPort)},
		{"service.name": "string:worker"},
	} {
		rs := req.ResourceSpans[i]
		if got := attrMap(t, rs.Resource.Attributes); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("resource %d = %v, want %v", i, got, want)
		}
		if len(rs.ScopeSpans) != 1 || rs.ScopeSpans[0].Scope.GetName() != "zipkingen" || len(rs.ScopeSpans[0].Spans) != 1 {
			t.Fatalf("scope spans %d = %v", i, rs.ScopeSpans)
		}
	}

	sp := req.ResourceSpans[0].ScopeSpans[0].Spans[0]
	sc := typical.Context()
	checks := []struct {
		field     string
		got, want any
	}{
		{"trace_id", hex.EncodeToString(sp.TraceId), fmt.Sprintf("%016x%016x", jsonTraceID[0], jsonTraceID[1])},
		{"span_id", hex.EncodeToString(sp.SpanId), sc.ID.String()},
		{"parent_span_id", hex.EncodeToString(sp.ParentSpanId), fmt.Sprintf("%016x", jsonParentID)},
		{"trace_state", sp.TraceState, ""},
		{"flags", sp.Flags, uint32(0x301)},
		{"name", sp.Name, jsonName},
		{"kind", sp.Kind, tracepb.Span_SPAN_KIND_SERVER},
		{"start > 0", sp.StartTimeUnixNano > 0, true},
		{"end >= start", sp.EndTimeUnixNano >= sp.StartTimeUnixNano, true},
		{"status", sp.Status.GetCode(), tracepb.Status_STATUS_CODE_UNSET},
		{"links", len(sp.Links), 0},
	}
	wantAttrs := map[string]string{"peer.service": "string:" + jsonRemoteSvc, "network.peer.address": "string:" + jsonRemoteIP,
		"network.peer.port": fmt.Sprintf("int:%d", jsonRemotePort)}
	for _, kv := range jsonTags {
		wantAttrs[kv[0]] = "string:" + kv[1]
	}
	checks = append(checks, struct {
		field     string
		got, want any
	}{"attributes", fmt.Sprint(attrMap(t, sp.Attributes)), fmt.Sprint(wantAttrs)})
	for i, a := range jsonAnnotations {
		if i >= len(sp.Events) {
			t.Fatalf("%d events, want %d", len(sp.Events), len(jsonAnnotations))
		}
		ev := sp.Events[i]
		checks = append(checks, struct {
			field     string
			got, want any
		}{fmt.Sprintf("event %d", i), fmt.Sprint(ev.Name, " ", ev.TimeUnixNano, " ", len(ev.Attributes)),
			fmt.Sprint(a, " ", jsonStart.Add(time.Duration(i+1)*100*time.Microsecond).UnixNano(), " 0")})
	}

	fs := req.ResourceSpans[1].ScopeSpans[0].Spans[0]
	checks = append(checks, []struct {
		field     string
		got, want any
	}{
		{"64-bit trace_id", hex.EncodeToString(fs.TraceId), "00000000000000000000000000001234"},
		{"consumer kind", fs.Kind, tracepb.Span_SPAN_KIND_CONSUMER},
		{"error status", fs.Status.GetCode(), tracepb.Status_STATUS_CODE_ERROR},
		{"error message", fs.Status.GetMessage(), "queue closed"},
		{"typed attributes", fmt.Sprint(attrMap(t, fs.Attributes)),
			fmt.Sprint(map[string]string{"attempt": "int:-2", "load": "double:0.25", "retry": "bool:true", "huge": "string:18446744073709551615"})},
		{"no events", len(fs.Events), 0},
	}...)
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
}

// otlpCollector is a loopback OTLP/HTTP receiver for the benchmarks: it
// gunzips each request and counts its spans with a light walk of the
// protobuf (the same code for both libraries); one request in checkEvery
// is decoded with the official types, so that no reporter wins by sending
// junk.
type otlpCollector struct {
	srv      *httptest.Server
	spans    atomic.Int64
	requests atomic.Int64
	bad      atomic.Int64
}

func newOTLPCollector(tb testing.TB) *otlpCollector {
	c := &otlpCollector{}
	c.srv = httptest.NewServer(http.HandlerFunc(c.serve))
	tb.Cleanup(c.srv.Close)
	return c
}

func (c *otlpCollector) serve(w http.ResponseWriter, r *http.Request) {
	n := c.requests.Add(1)
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			c.reject(w)
			return
		}
		body = zr
	}
	b, err := io.ReadAll(body)
	count, ok := countOTLPSpans(b)
	if err != nil || r.URL.Path != "/v1/traces" || r.Header.Get("Content-Type") != "application/x-protobuf" || !ok {
		c.reject(w)
		return
	}
	if n%checkEvery == 1 {
		var req coltracepb.ExportTraceServiceRequest
		official := 0
		if proto.Unmarshal(b, &req) == nil {
			for _, rs := range req.ResourceSpans {
				for _, ss := range rs.ScopeSpans {
					official += len(ss.Spans)
				}
			}
		}
		if official != count {
			c.reject(w)
			return
		}
	}
	c.spans.Add(int64(count))
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.WriteHeader(http.StatusOK) // an empty ExportTraceServiceResponse: full success
}

func (c *otlpCollector) reject(w http.ResponseWriter) {
	c.bad.Add(1)
	http.Error(w, "bad request", http.StatusBadRequest)
}

// countOTLPSpans counts ScopeSpans.spans in an ExportTraceServiceRequest.
func countOTLPSpans(b []byte) (int, bool) {
	n := 0
	ok := eachBytesField(b, 1, func(rs []byte) bool { // resource_spans
		return eachBytesField(rs, 2, func(ss []byte) bool { // scope_spans
			return eachBytesField(ss, 2, func([]byte) bool { n++; return true }) // spans
		})
	})
	return n, ok
}

// eachBytesField calls f on every length-delimited field num of the
// message b, skipping other fields; it reports false on malformed input.
func eachBytesField(b []byte, num uint64, f func([]byte) bool) bool {
	for len(b) > 0 {
		key, k := binary.Uvarint(b)
		if k <= 0 {
			return false
		}
		b = b[k:]
		switch key & 7 {
		case 0:
			if _, k = binary.Uvarint(b); k <= 0 {
				return false
			}
			b = b[k:]
		case 1, 5:
			w := 8
			if key&7 == 5 {
				w = 4
			}
			if len(b) < w {
				return false
			}
			b = b[w:]
		case 2:
			l, k := binary.Uvarint(b)
			if k <= 0 || l > uint64(len(b)-k) {
				return false
			}
			v := b[k : k+int(l)]
			b = b[k+int(l):]
			if key>>3 == num && !f(v) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// otlpEncodeBatch is how many spans one operation of BenchmarkEncodeOTLP
// encodes: one request's worth, as both reporters send them.
const otlpEncodeBatch = 256

// BenchmarkEncodeOTLP encodes requests of otlpEncodeBatch typical spans
// as an OTLP ExportTraceServiceRequest: ours with AppendOTLPRequest into a
// reused buffer, the OpenTelemetry SDK with its otlptrace exporter's
// transform followed by proto.Marshal, which is what otlptracehttp does
// with each batch before compressing and POSTing it. ns/span and
// allocs/span are per span.
func BenchmarkEncodeOTLP(b *testing.B) {
	b.Run("zipkingen", func(b *testing.B) {
		spans := make([]*zipkin.Span, otlpEncodeBatch)
		typical := oursTypicalSpan(b) // from one tracer, as a reporter's batch
		for i := range spans {
			spans[i] = typical
		}
		buf := zipkin.AppendOTLPRequest(nil, spans)
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		defer reportPerSpan(b)()
		for b.Loop() {
			buf = zipkin.AppendOTLPRequest(buf[:0], spans)
		}
		sink = buf
	})
	b.Run("otel", func(b *testing.B) {
		capture := &captureProcessor{}
		tr := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(capture)).Tracer("bench")
		spans := make([]sdktrace.ReadOnlySpan, otlpEncodeBatch)
		for i := range spans {
			otelTypicalSpan(tr)
			spans[i] = capture.last
		}
		client := &marshalClient{}
		exp := otlptrace.NewUnstarted(client)
		ctx := context.Background()
		if err := exp.ExportSpans(ctx, spans); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(client.size))
		b.ReportAllocs()
		defer reportPerSpan(b)()
		for b.Loop() {
			if err := exp.ExportSpans(ctx, spans); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// marshalClient is an otlptrace.Client that marshals each upload, as
// otlptracehttp's client does, and sends nothing.
type marshalClient struct{ size int }

func (c *marshalClient) Start(context.Context) error { return nil }
func (c *marshalClient) Stop(context.Context) error  { return nil }
func (c *marshalClient) UploadTraces(_ context.Context, rs []*tracepb.ResourceSpans) error {
	b, err := proto.Marshal(&coltracepb.ExportTraceServiceRequest{ResourceSpans: rs})
	c.size = len(b)
	sink = b
	return err
}

// reportPerSpan reports ns/span, allocs/span and cpu-ns/span for a
// benchmark whose operations each encode otlpEncodeBatch spans.
func reportPerSpan(b *testing.B) func() {
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu, start := processCPU(), time.Now()
	return func() {
		elapsed := time.Since(start)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		n := float64(b.N * otlpEncodeBatch)
		b.ReportMetric(float64(elapsed.Nanoseconds())/n, "ns/span")
		b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/span")
		b.ReportMetric(float64(processCPU()-cpu)/n, "cpu-ns/span")
	}
}

// BenchmarkReporterOTLP ends b.N sampled spans as fast as one goroutine
// can, each library exporting OTLP/HTTP to the same loopback receiver, ours
// with its HTTP reporter, the SDK with otlptracehttp behind its batch span
// processor (both with default batching), gzip on and off, then flushes.
// cpu-ns/delivered is the process's CPU time (traced goroutine, exporter
// goroutines, the collector, the GC) per span the receiver counted;
// dropped/op is the fraction lost to stay non-blocking.
func BenchmarkReporterOTLP(b *testing.B) {
	for _, gz := range []bool{false, true} {
		mode := "none"
		if gz {
			mode = "gzip"
		}
		b.Run(mode, func(b *testing.B) {
			b.Run("zipkingen", func(b *testing.B) { benchOursOTLP(b, gz) })
			b.Run("otel", func(b *testing.B) { benchOTelOTLP(b, gz) })
		})
	}
}

func reportDelivered(b *testing.B, c *otlpCollector, start time.Time, cpu time.Duration) {
	elapsed := time.Since(start)
	used := processCPU() - cpu
	b.StopTimer()
	got := c.spans.Load()
	if c.bad.Load() != 0 {
		b.Fatalf("receiver rejected %d requests", c.bad.Load())
	}
	if got == 0 {
		b.Fatal("nothing delivered")
	}
	b.ReportMetric(float64(got)/elapsed.Seconds(), "spans/s")
	b.ReportMetric(1-float64(got)/float64(b.N), "dropped/op")
	b.ReportMetric(float64(used)/float64(got), "cpu-ns/delivered")
}

func benchOursOTLP(b *testing.B, gz bool) {
	c := newOTLPCollector(b)
	o := zipkin.ReporterOptions{Encoding: zipkin.OTLP, Compression: zipkin.CompressNone, ErrorLog: func(error) {}}
	if gz {
		o.Compression = zipkin.CompressGzip
	}
	rep, err := zipkin.NewHTTPReporter(c.srv.URL+"/v1/traces", o)
	if err != nil {
		b.Fatal(err)
	}
	t, err := zipkin.New(zipkin.Options{ServiceName: "bench", Reporter: rep})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu, start := processCPU(), time.Now()
	for range b.N {
		_, span := t.Start(ctx, childName)
		span.Tag(tag1Key, tag1Value)
		span.End(nil)
	}
	if err := t.Shutdown(ctx); err != nil {
		b.Fatal(err)
	}
	reportDelivered(b, c, start, cpu)
}

func benchOTelOTLP(b *testing.B, gz bool) {
	c := newOTLPCollector(b)
	ctx := context.Background()
	opts := []otlptracehttp.Option{otlptracehttp.WithEndpointURL(c.srv.URL + "/v1/traces")}
	if gz {
		opts = append(opts, otlptracehttp.WithCompression(otlptracehttp.GzipCompression))
	}
	exp, err := otlptracehttp.New(ctx, opts...)
	if err != nil {
		b.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithSampler(sdktrace.AlwaysSample()))
	tr := tp.Tracer("bench")
	b.ReportAllocs()
	b.ResetTimer()
	cpu, start := processCPU(), time.Now()
	for range b.N {
		_, sp := tr.Start(ctx, childName)
		sp.SetAttributes(otelTags[0])
		sp.End()
	}
	if err := tp.Shutdown(ctx); err != nil {
		b.Fatal(err)
	}
	reportDelivered(b, c, start, cpu)
}

// BenchmarkReporterOTLPDrain isolates the exporters from span production,
// as BenchmarkReporterDrain does for Zipkin: one finished typical span
// (see BenchmarkEncodeJSON) handed to each library's OTLP/HTTP exporter b.N
// times, with queues that hold them all (OTel: a blocking batch span
// processor), then flushed; gzip on and off. Nothing is dropped, so
// cpu-ns/delivered is the exporter's whole cost per span: encoding,
// batching, compression, HTTP, and its garbage.
func BenchmarkReporterOTLPDrain(b *testing.B) {
	for _, gz := range []bool{false, true} {
		mode := "none"
		if gz {
			mode = "gzip"
		}
		b.Run(mode, func(b *testing.B) {
			b.Run("zipkingen", func(b *testing.B) { benchOursOTLPDrain(b, gz) })
			b.Run("otel", func(b *testing.B) { benchOTelOTLPDrain(b, gz) })
		})
	}
}

func benchOursOTLPDrain(b *testing.B, gz bool) {
	c := newOTLPCollector(b)
	s := oursTypicalSpan(b)
	o := zipkin.ReporterOptions{Encoding: zipkin.OTLP, Compression: zipkin.CompressNone,
		QueueSpans: max(b.N, zipkin.DefaultQueueSpans), QueueBytes: 1 << 40}
	if gz {
		o.Compression = zipkin.CompressGzip
	}
	rep, err := zipkin.NewHTTPReporter(c.srv.URL+"/v1/traces", o)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu, start := processCPU(), time.Now()
	for range b.N {
		rep.Report(s)
	}
	if err := rep.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	reportDelivered(b, c, start, cpu)
}

func benchOTelOTLPDrain(b *testing.B, gz bool) {
	c := newOTLPCollector(b)
	ctx := context.Background()
	capture := &captureProcessor{}
	tr := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(capture)).Tracer("bench")
	otelTypicalSpan(tr)
	opts := []otlptracehttp.Option{otlptracehttp.WithEndpointURL(c.srv.URL + "/v1/traces")}
	if gz {
		opts = append(opts, otlptracehttp.WithCompression(otlptracehttp.GzipCompression))
	}
	exp, err := otlptracehttp.New(ctx, opts...)
	if err != nil {
		b.Fatal(err)
	}
	bsp := sdktrace.NewBatchSpanProcessor(exp, sdktrace.WithBlocking())
	b.ReportAllocs()
	b.ResetTimer()
	cpu, start := processCPU(), time.Now()
	for range b.N {
		bsp.OnEnd(capture.last)
	}
	if err := bsp.Shutdown(ctx); err != nil {
		b.Fatal(err)
	}
	reportDelivered(b, c, start, cpu)
}
