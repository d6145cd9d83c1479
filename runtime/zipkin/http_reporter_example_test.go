package zipkin_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// A reporter configured in code: proto3 batches of up to 500 spans, at
// most 4 MiB of spans held while the collector is away, and delivery
// errors in the program's log.
func ExampleNewHTTPReporter() {
	rep, err := zipkin.NewHTTPReporter("http://localhost:9411", zipkin.ReporterOptions{
		Encoding:   zipkin.Proto3,
		BatchSpans: 500,
		QueueBytes: 4 << 20,
		ErrorLog:   func(err error) { log.Print(err) },
	})
	if err != nil {
		log.Fatal(err)
	}
	tracer, err := zipkin.New(zipkin.Options{ServiceName: "checkout", Reporter: rep})
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		tracer.Shutdown(ctx) // flushes, then stops the reporter
	}()
	_, span := tracer.Start(context.Background(), "checkout.Pay")
	span.End(nil)
}

// lineTransport is a custom destination: it receives each encoded batch,
// uncompressed, as aiozipkin's custom transports do.
type lineTransport struct{}

func (lineTransport) Send(ctx context.Context, body []byte, contentType string) error {
	fmt.Printf("%s batch of %d spans\n", contentType, bytes.Count(body, []byte(`"traceId"`)))
	return nil // or a *zipkin.SendError{Permanent: true} for a batch that can never succeed
}

func ExampleNewBatchReporter() {
	rep, err := zipkin.NewBatchReporter(lineTransport{}, zipkin.ReporterOptions{})
	if err != nil {
		log.Fatal(err)
	}
	tracer, err := zipkin.New(zipkin.Options{ServiceName: "worker", Reporter: rep})
	if err != nil {
		log.Fatal(err)
	}
	for range 3 {
		_, span := tracer.Start(context.Background(), "worker.Job")
		span.End(nil)
	}
	if err := tracer.Shutdown(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output: application/json batch of 3 spans
}
