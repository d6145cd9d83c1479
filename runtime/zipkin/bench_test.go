package zipkin

import (
	"context"
	"testing"
)

// discardReporter drops every span: benchmarks measure the tracer alone.
type discardReporter struct{}

func (discardReporter) Report(*Span)                {}
func (discardReporter) Flush(context.Context) error { return nil }
func (discardReporter) Close(context.Context) error { return nil }

func newDiscardTracer(tb testing.TB, rate *float64) *Tracer {
	tb.Helper()
	t, err := New(Options{ServiceName: "bench", Reporter: discardReporter{}, SampleRate: rate})
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// sampledChild is the generated code's shape: start, two tags, one
// annotation, end.
func sampledChild(t *Tracer, ctx context.Context) {
	var err error
	_, span := t.Start(ctx, "bench.child", WithKind(Client))
	span.Tag("user.id", "u-42")
	span.TagInt("items", 7)
	span.Annotate("cache miss")
	span.End(&err)
}

func BenchmarkStartSampledChild(b *testing.B) {
	t := newDiscardTracer(b, nil)
	ctx, root := t.Start(context.Background(), "root")
	defer root.End(nil)
	b.ReportAllocs()
	for b.Loop() {
		sampledChild(t, ctx)
	}
}

func BenchmarkStartSampledChildParallel(b *testing.B) {
	t := newDiscardTracer(b, nil)
	ctx, root := t.Start(context.Background(), "root")
	defer root.End(nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			sampledChild(t, ctx)
		}
	})
}

func BenchmarkStartUnsampledChild(b *testing.B) {
	zero := 0.0
	t := newDiscardTracer(b, &zero)
	ctx, root := t.Start(context.Background(), "root")
	if root != nil {
		b.Fatal("root sampled at rate 0")
	}
	b.ReportAllocs()
	for b.Loop() {
		sampledChild(t, ctx)
	}
}

func BenchmarkStartDisabled(b *testing.B) {
	var t *Tracer
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		sampledChild(t, ctx)
	}
}

func BenchmarkStartDefaultDisabled(b *testing.B) {
	defer SetDefault(SetDefault(nil))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var err error
		_, span := Start(ctx, "bench.child")
		span.Tag("user.id", "u-42")
		span.End(&err)
	}
}

// benchSpan is a typical finished span: kind, remote service, three tags,
// one annotation.
func benchSpan(b *testing.B) *Span {
	t := newDiscardTracer(b, nil)
	_, s := t.Start(context.Background(), "store.Get", WithKind(Client), WithRemoteService("db"))
	s.Tag("user.id", "u-42")
	s.TagInt("items", 7)
	s.TagBool("cached", false)
	s.Annotate("cache miss")
	s.End(nil)
	return s
}

func BenchmarkAppendJSON(b *testing.B) {
	s := benchSpan(b)
	buf := AppendJSON(nil, s)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSON(buf[:0], s)
	}
}

func BenchmarkAppendProto(b *testing.B) {
	s := benchSpan(b)
	buf := AppendProto(nil, s)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendProto(buf[:0], s)
	}
}

// tracedFunc is what zipkingen generates for a function with a context,
// an error result, a kind and one tag, run against the default tracer.
func tracedFunc(ctx context.Context, id string) (err error) {
	ctx, span := Start(ctx, "store.Store.Get", WithKind(Client), WithRemoteService("db"))
	defer span.End(&err)
	span.Tag("user.id", id)
	_ = ctx
	return nil
}

func BenchmarkGeneratedShapeSampled(b *testing.B) {
	defer SetDefault(SetDefault(newDiscardTracer(b, nil)))
	ctx, root := Start(context.Background(), "root")
	defer root.End(nil)
	b.ReportAllocs()
	for b.Loop() {
		_ = tracedFunc(ctx, "u-42")
	}
}

func BenchmarkStartRootSampled(b *testing.B) {
	t := newDiscardTracer(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		_, s := t.Start(context.Background(), "root")
		s.End(nil)
	}
}

func BenchmarkStartRootUnsampled(b *testing.B) {
	zero := 0.0
	t := newDiscardTracer(b, &zero)
	b.ReportAllocs()
	for b.Loop() {
		_, s := t.Start(context.Background(), "root")
		s.End(nil)
	}
}
