package zipkin

import (
	"context"
	"sync"
)

// batchTestSink is the reporter of the tracer that makes test spans: the
// tests hand those spans to the reporter under test themselves.
type batchTestSink struct{}

func (batchTestSink) Report(*Span)                {}
func (batchTestSink) Flush(context.Context) error { return nil }
func (batchTestSink) Close(context.Context) error { return nil }

var batchTestTracer = sync.OnceValue(func() *Tracer {
	t, err := New(Options{ServiceName: "reporter-test", Reporter: batchTestSink{}})
	if err != nil {
		panic(err)
	}
	return t
})

// newTestSpan returns a finished span shaped like a typical server span:
// a kind, a remote service, two tags and an annotation.
func newTestSpan(name string) *Span {
	_, s := batchTestTracer().Start(context.Background(), name, WithKind(Server), WithRemoteService("client"))
	s.Tag("http.method", "GET")
	s.TagInt("http.status_code", 200)
	s.Annotate("wr")
	s.End(nil)
	return s
}
