package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"

	zipkingo "github.com/openzipkin/zipkin-go"
	zgmiddleware "github.com/openzipkin/zipkin-go/middleware/http"
	zgreporterhttp "github.com/openzipkin/zipkin-go/reporter/http"
	"github.com/zipkingen/zipkingen/bench/loadtest/app"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	//lint:ignore SA1019 the load test compares with OTel's Zipkin exporter for as long as it exists
	otelzipkin "go.opentelemetry.io/otel/exporters/zipkin"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
)

// build returns the handler of c's variant and the function that flushes
// its tracer.
func build(c config, backendURL string) (http.Handler, func(context.Context) error, error) {
	switch c.variant {
	case "untraced":
		s := &app.Untraced{Client: &http.Client{Transport: baseTransport()}, BackendURL: backendURL}
		return s.Handler(), func(context.Context) error { return nil }, nil
	case "b3-headers":
		return buildHeaders(backendURL)
	case "floor":
		return buildFloor(c, backendURL)
	case "zipkingen":
		return buildZipkingen(c, backendURL)
	case "zipkingo":
		return buildZipkinGo(c, backendURL)
	case "otel":
		return buildOTel(c, backendURL)
	}
	return nil, nil, fmt.Errorf("unknown variant %q", c.variant)
}

func buildZipkingen(c config, backendURL string) (http.Handler, func(context.Context) error, error) {
	rate := c.rate
	o := zipkin.Options{ServiceName: "loadtest", Endpoint: c.collector, SampleRate: &rate, ErrorOutput: io.Discard}
	if c.gzip {
		o.Compression = zipkin.CompressGzip
	}
	t, err := zipkin.New(o)
	if err != nil {
		return nil, nil, err
	}
	zipkin.SetDefault(t)
	client := &http.Client{Transport: zipkinhttp.Transport(baseTransport(), zipkinhttp.ClientOptions{RemoteService: "backend"})}
	s := &app.Zipkingen{Client: client, BackendURL: backendURL}
	return s.Handler(), t.Shutdown, nil
}

func buildZipkinGo(c config, backendURL string) (http.Handler, func(context.Context) error, error) {
	rep := zgreporterhttp.NewReporter(c.collector, zgreporterhttp.Logger(log.New(io.Discard, "", 0)))
	sampler := zipkingo.AlwaysSample
	if c.rate < 1 {
		var err error
		if sampler, err = zipkingo.NewBoundarySampler(c.rate, 1); err != nil {
			return nil, nil, err
		}
	}
	ep, err := zipkingo.NewEndpoint("loadtest", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	tr, err := zipkingo.NewTracer(rep, zipkingo.WithLocalEndpoint(ep), zipkingo.WithSampler(sampler))
	if err != nil {
		return nil, nil, err
	}
	rt, err := zgmiddleware.NewTransport(tr, zgmiddleware.RoundTripper(baseTransport()),
		zgmiddleware.TransportLogger(log.New(io.Discard, "", 0)))
	if err != nil {
		return nil, nil, err
	}
	s := &app.ZipkinGo{Tracer: tr, Client: &http.Client{Transport: rt}, BackendURL: backendURL}
	return s.Handler(), func(context.Context) error { return rep.Close() }, nil
}

func buildOTel(c config, backendURL string) (http.Handler, func(context.Context) error, error) {
	// Export errors (the outage test) go to OTel's global handler, which
	// would log every failed batch.
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(error) {}))
	exp, err := otelzipkin.New(c.collector) // no WithLogger: with one, every export formats its whole body into a log line
	if err != nil {
		return nil, nil, err
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(c.rate))),
		sdktrace.WithResource(resource.NewSchemaless(semconv.ServiceName("loadtest"))),
	)
	prop := propagation.TraceContext{}
	client := &http.Client{Transport: otelhttp.NewTransport(baseTransport(),
		otelhttp.WithTracerProvider(tp), otelhttp.WithPropagators(prop))}
	s := &app.OTel{Tracer: tp.Tracer("loadtest"), Client: client, BackendURL: backendURL}
	h := otelhttp.NewHandler(s.Mux(), "GET /items/{id}", otelhttp.WithTracerProvider(tp), otelhttp.WithPropagators(prop))
	return h, tp.Shutdown, nil
}
