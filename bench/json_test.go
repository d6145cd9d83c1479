package bench

import (
	"context"
	"encoding/json"
	"net"
	"net/netip"
	"testing"
	"time"

	zgmodel "github.com/openzipkin/zipkin-go/model"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// The typical span of the JSON benchmark: a named SERVER span with local and
// remote endpoints, four tags and two annotations.
var (
	jsonStart    = time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	jsonTraceID  = [2]uint64{0x463ac35c9f6413ad, 0x48485a3953bb6124}
	jsonSpanID   = uint64(0xa2fb4a1d1a96d312)
	jsonParentID = uint64(0x0020000000000001)
	jsonTags     = [4][2]string{
		{"http.method", "GET"},
		{"http.path", "/api/users/42"},
		{"http.route", "/api/users/{id}"},
		{"http.status_code", "200"},
	}
	jsonAnnotations = [2]string{"cache miss", "db query done"}
)

const (
	jsonName       = "get /api/users/{id}"
	jsonLocalSvc   = "frontend"
	jsonLocalIP    = "10.0.0.1"
	jsonLocalPort  = 8080
	jsonRemoteSvc  = "browser"
	jsonRemoteIP   = "10.0.0.2"
	jsonRemotePort = 53210
)

// BenchmarkEncodeJSON encodes one typical span as Zipkin v2 JSON: ours with
// AppendJSON into a reused buffer, zipkin-go with json.Marshal of its
// model.SpanModel (the call its JSON serializer makes for every span).
func BenchmarkEncodeJSON(b *testing.B) {
	b.Run("zipkingen", benchOursJSON)
	b.Run("zipkingo", benchZipkinGoJSON)
}

// keepReporter keeps the last span reported to it, for the encoders.
type keepReporter struct{ last *zipkin.Span }

func (r *keepReporter) Report(s *zipkin.Span)       { r.last = s }
func (r *keepReporter) Flush(context.Context) error { return nil }
func (r *keepReporter) Close(context.Context) error { return nil }

// oursTypicalSpan records the typical span with a zipkingen tracer and
// returns it, finished, as the reporter would receive it.
func oursTypicalSpan(tb testing.TB) *zipkin.Span {
	rep := &keepReporter{}
	t, err := zipkin.New(zipkin.Options{
		ServiceName: jsonLocalSvc, LocalAddr: netip.MustParseAddr(jsonLocalIP), LocalPort: jsonLocalPort,
		Reporter: rep,
	})
	if err != nil {
		tb.Fatal(err)
	}
	parent := zipkin.SpanContext{
		TraceID:  zipkin.TraceID{High: jsonTraceID[0], Low: jsonTraceID[1]},
		ID:       zipkin.SpanID(jsonParentID),
		Sampling: zipkin.Accept,
	}
	remote := zipkin.Endpoint{ServiceName: jsonRemoteSvc, Addr: netip.MustParseAddr(jsonRemoteIP), Port: jsonRemotePort}
	_, span := t.Start(context.Background(), jsonName,
		zipkin.WithParent(parent), zipkin.WithKind(zipkin.Server), zipkin.WithRemoteEndpoint(remote))
	for _, kv := range jsonTags {
		span.Tag(kv[0], kv[1])
	}
	for i, a := range jsonAnnotations {
		span.AnnotateAt(jsonStart.Add(time.Duration(i+1)*100*time.Microsecond), a)
	}
	span.End(nil)
	if rep.last == nil {
		tb.Fatal("the typical span was not reported")
	}
	return rep.last
}

func benchOursJSON(b *testing.B) {
	s := oursTypicalSpan(b)
	buf := zipkin.AppendJSON(nil, s)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		buf = zipkin.AppendJSON(buf[:0], s)
	}
	sink = buf
}

func zipkinGoTypicalSpan() *zgmodel.SpanModel {
	parent := zgmodel.ID(jsonParentID)
	sm := &zgmodel.SpanModel{
		SpanContext: zgmodel.SpanContext{
			TraceID:  zgmodel.TraceID{High: jsonTraceID[0], Low: jsonTraceID[1]},
			ID:       zgmodel.ID(jsonSpanID),
			ParentID: &parent,
		},
		Name:           jsonName,
		Kind:           zgmodel.Server,
		Timestamp:      jsonStart,
		Duration:       1500 * time.Microsecond,
		LocalEndpoint:  &zgmodel.Endpoint{ServiceName: jsonLocalSvc, IPv4: net.ParseIP(jsonLocalIP), Port: jsonLocalPort},
		RemoteEndpoint: &zgmodel.Endpoint{ServiceName: jsonRemoteSvc, IPv4: net.ParseIP(jsonRemoteIP), Port: jsonRemotePort},
		Tags:           map[string]string{},
	}
	for _, kv := range jsonTags {
		sm.Tags[kv[0]] = kv[1]
	}
	for i, a := range jsonAnnotations {
		sm.Annotations = append(sm.Annotations, zgmodel.Annotation{
			Timestamp: jsonStart.Add(time.Duration(i+1) * 100 * time.Microsecond), Value: a,
		})
	}
	return sm
}

// otelTypicalSpan records the typical span with an OTel tracer (remote
// endpoint as peer attributes, as OTel's Zipkin exporter reads them).
func otelTypicalSpan(tr trace.Tracer) {
	_, span := tr.Start(context.Background(), jsonName, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("peer.service", jsonRemoteSvc),
			attribute.String("net.sock.peer.addr", jsonRemoteIP), attribute.Int("net.sock.peer.port", jsonRemotePort)))
	for _, kv := range jsonTags {
		span.SetAttributes(attribute.String(kv[0], kv[1]))
	}
	for i, a := range jsonAnnotations {
		span.AddEvent(a, trace.WithTimestamp(jsonStart.Add(time.Duration(i+1)*100*time.Microsecond)))
	}
	span.End()
}

func benchZipkinGoJSON(b *testing.B) {
	sm := zipkinGoTypicalSpan()
	out, err := json.Marshal(sm)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		out, err = json.Marshal(sm)
		if err != nil {
			b.Fatal(err)
		}
	}
	sink = out
}
