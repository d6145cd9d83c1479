package zipkin

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// recyclingReporter drops every span and hands it back, as the batch
// reporter does once a span is encoded.
type recyclingReporter struct{}

func (recyclingReporter) Report(s *Span)              { s.Recycle() }
func (recyclingReporter) Flush(context.Context) error { return nil }
func (recyclingReporter) Close(context.Context) error { return nil }

func TestStartLeafIsStart(t *testing.T) {
	rec := NewRecorder()
	tr := newTracer(t, Options{ServiceName: "svc", Reporter: rec})
	ctx, parent := tr.Start(context.Background(), "parent")
	leaf := tr.StartLeaf(ctx, "query", WithKind(Client), WithRemoteService("db"))
	if leaf == nil {
		t.Fatal("StartLeaf under a sampled parent returned nil")
	}
	leaf.Tag("sql.query", "SELECT 1")
	leaf.End(nil)
	if got := SpanFromContext(ctx); got != parent {
		t.Errorf("the parent's context now holds %v, want the parent", got)
	}
	root := tr.StartLeaf(context.Background(), "root")
	root.End(nil)
	//lint:ignore SA1012 nil is what StartLeaf must survive
	nilCtx := tr.StartLeaf(nil, "nil-ctx") //nolint:staticcheck
	nilCtx.End(nil)
	parent.End(nil)

	spans := rec.Spans()
	if len(spans) != 4 {
		t.Fatalf("recorded %d spans, want 4", len(spans))
	}
	q, p := spans[0], spans[3]
	if q.Name != "query" || q.TraceID != p.TraceID || q.ParentID != p.ID || q.Kind != Client ||
		q.RemoteEndpoint.ServiceName != "db" || q.Tags["sql.query"] != "SELECT 1" || q.LocalEndpoint.ServiceName != "svc" {
		t.Errorf("leaf span %+v, want a CLIENT child of %+v with its tag and remote service", q, p)
	}
	for _, r := range spans[1:3] {
		if r.ParentID != (SpanID(0)) || r.TraceID == p.TraceID {
			t.Errorf("%s: %+v, want a new root", r.Name, r)
		}
	}
}

func TestStartLeafRecordsNothingWithoutAllocating(t *testing.T) {
	never := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	always := newTracer(t, Options{Reporter: NewRecorder()})
	var disabled *Tracer
	bg := context.Background()
	denied := ContextWithSpanContext(bg, SpanContext{TraceID: lowTrace, ID: 1, Sampling: Deny})
	_, unsampled := never.Start(bg, "unsampled parent")
	unsampledCtx, _ := never.Start(bg, "unsampled parent")
	if unsampled != nil {
		t.Fatal("a rate-0 tracer sampled")
	}
	tests := []struct {
		name string
		tr   *Tracer
		ctx  context.Context
		opts []StartOption
	}{
		{"disabled", disabled, bg, nil},
		{"zero tracer", new(Tracer), bg, nil},
		{"unsampled root", never, bg, []StartOption{WithKind(Client)}},
		{"unsampled new trace", never, unsampledCtx, []StartOption{WithNewTrace()}},
		{"denied remote parent", always, denied, nil},
		{"unsampled parent", always, unsampledCtx, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s := tt.tr.StartLeaf(tt.ctx, "q", tt.opts...); s != nil {
				t.Fatalf("StartLeaf returned a span: %+v", s.record())
			}
			n := testing.AllocsPerRun(200, func() {
				s := tt.tr.StartLeaf(tt.ctx, "q", tt.opts...)
				s.Tag("k", "v")
				s.End(nil)
			})
			if n != 0 {
				t.Errorf("%v allocations, want 0", n)
			}
		})
	}
}

func TestStartLeafReusesReportedSpans(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	drop := func(*FinishedSpan) bool { return false }
	recycling := newTracer(t, Options{Reporter: recyclingReporter{}})
	dropping := newTracer(t, Options{Reporter: NewRecorder(), SpanHandler: drop})
	closed := newTracer(t, Options{Reporter: NewRecorder()})
	if err := closed.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, parent := recycling.Start(context.Background(), "parent")
	defer parent.End(nil)
	for _, tt := range []struct {
		name string
		tr   *Tracer
	}{{"recycled by the reporter", recycling}, {"dropped by the SpanHandler", dropping}, {"after Shutdown", closed}} {
		t.Run(tt.name, func(t *testing.T) {
			n := testing.AllocsPerRun(1000, func() {
				s := tt.tr.StartLeaf(ctx, "q", WithKind(Client))
				s.Tag("k", "v")
				s.End(nil)
			})
			if n != 0 {
				t.Errorf("%v allocations per sampled leaf span, want 0", n)
			}
		})
	}
	// The same calls through Start allocate the span each time: the
	// difference is StartLeaf's.
	if n := testing.AllocsPerRun(100, func() {
		_, s := recycling.Start(ctx, "q", WithKind(Client))
		s.End(nil)
	}); n != 1 {
		t.Errorf("Start: %v allocations, want 1 (the span)", n)
	}
}

func TestRecycledSpanIsClean(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	tr := newTracer(t, Options{Reporter: recyclingReporter{}})
	s := tr.StartLeaf(context.Background(), "first", WithRemoteService("db"))
	s.Tag("a", "1")
	s.Annotate("x")
	s.End(nil)
	rec := NewRecorder()
	tr2 := newTracer(t, Options{Reporter: rec})
	for range 10 {
		s := tr2.StartLeaf(context.Background(), "second")
		s.End(nil)
	}
	got := rec.Spans()
	if len(got) != 10 {
		t.Errorf("recorded %d of 10 spans", len(got))
	}
	for _, r := range got {
		if r.Name != "second" || len(r.Tags) != 0 || len(r.Annotations) != 0 || r.RemoteEndpoint != (Endpoint{}) {
			t.Errorf("a reused span kept a field of its previous use: %+v", r)
		}
	}
}

func TestRecycleLeavesOtherSpansAlone(t *testing.T) {
	rec := NewRecorder()
	tr := newTracer(t, Options{Reporter: rec})
	_, ordinary := tr.Start(context.Background(), "ordinary")
	ordinary.End(nil)
	ordinary.Recycle()
	if ordinary.Name() != "ordinary" || ordinary.tracer == nil {
		t.Error("Recycle cleared a span begun by Start")
	}
	open := tr.StartLeaf(context.Background(), "open")
	open.Recycle() // not ended: still the caller's
	if open.Name() != "open" {
		t.Fatal("Recycle cleared a span that had not ended")
	}
	open.Tag("k", "v")
	open.End(nil)
	if got := rec.Spans(); len(got) != 2 || got[1].Name != "open" || got[1].Tags["k"] != "v" {
		t.Errorf("recorded %+v", got)
	}
	var zero Span
	zero.Recycle()
	var none *Span
	none.Recycle()
	// The Recorder keeps what it is given; a second Recycle of a recycled
	// span finds no tracer and does nothing.
	leaf := newTracer(t, Options{Reporter: NewRecorder()}).StartLeaf(context.Background(), "twice")
	leaf.End(nil)
	leaf.Recycle()
	leaf.Recycle()
	a, b := newLeafSpan(), newLeafSpan()
	if a == b {
		t.Error("a span recycled twice came out of the pool twice")
	}
}

// fanout hands every span to two reporters, as a user's wrapper might.
type fanout struct {
	next Reporter
	mu   sync.Mutex
	kept []*Span
}

func (f *fanout) Report(s *Span) {
	f.mu.Lock()
	f.kept = append(f.kept, s)
	f.mu.Unlock()
	f.next.Report(s)
}
func (f *fanout) Flush(ctx context.Context) error { return f.next.Flush(ctx) }
func (f *fanout) Close(ctx context.Context) error { return f.next.Close(ctx) }

func TestBatchReporterRecyclesOnlyItsOwnTracersSpans(t *testing.T) {
	const n = 50
	leafs := func(tr *Tracer, prefix string) {
		for i := range n {
			s := tr.StartLeaf(context.Background(), fmt.Sprintf("%s-%d", prefix, i))
			s.Tag("i", fmt.Sprint(i))
			s.End(nil)
		}
	}
	t.Run("direct", func(t *testing.T) {
		rt := &recordingTransport{}
		r := newTestBatchReporter(t, rt, ReporterOptions{BatchSpans: 7})
		tr := newTracer(t, Options{Reporter: r})
		leafs(tr, "a")
		flushReporter(t, r)
		leafs(tr, "b")
		flushReporter(t, r)
		body := ""
		for _, b := range rt.sent() {
			body += string(b)
		}
		for _, prefix := range []string{"a", "b"} {
			for i := range n {
				if !strings.Contains(body, fmt.Sprintf(`"name":"%s-%d"`, prefix, i)) {
					t.Fatalf("span %s-%d missing from what was sent:\n%s", prefix, i, body)
				}
			}
		}
		if got := strings.Count(body, `"traceId"`); got != 2*n {
			t.Errorf("sent %d spans, want %d", got, 2*n)
		}

		// And it does recycle: once a batch is encoded, later leaves reuse
		// its spans. (A garbage collection may empty the pool between two
		// rounds, so a few rounds get the chance.)
		for round := 0; ; round++ {
			seen := map[*Span]bool{}
			for range n {
				s := tr.StartLeaf(context.Background(), "first")
				seen[s] = true
				s.End(nil)
			}
			flushReporter(t, r)
			reused := 0
			for range n {
				s := tr.StartLeaf(context.Background(), "second")
				if seen[s] {
					reused++
				}
				s.End(nil)
			}
			flushReporter(t, r)
			if reused > 0 {
				break
			}
			if round == 4 {
				t.Fatalf("no span of %d encoded ones was reused in %d rounds", n, round+1)
			}
		}
	})
	t.Run("wrapped", func(t *testing.T) {
		rt := &recordingTransport{}
		f := &fanout{next: newTestBatchReporter(t, rt, ReporterOptions{BatchSpans: 7})}
		tr := newTracer(t, Options{Reporter: f})
		leafs(tr, "a")
		flushReporter(t, f.next)
		leafs(tr, "b")
		flushReporter(t, f.next)
		for i, s := range f.kept {
			want := fmt.Sprintf("a-%d", i)
			if i >= n {
				want = fmt.Sprintf("b-%d", i-n)
			}
			if s.Name() != want {
				t.Fatalf("span %d kept by the wrapper now reads %q, want %q: reused under it", i, s.Name(), want)
			}
		}
	})
}

// TestStartLeafShortPathIsTheGeneralOne: StartLeaf's short path (a local
// parent, options that only set the kind, a shared endpoint or ChildOnly)
// makes the span and counts the decision exactly as the general path does,
// which an option of no effect here (WithSampleRate: the parent decides)
// forces.
func TestStartLeafShortPathIsTheGeneralOne(t *testing.T) {
	rec := NewRecorder()
	tr := newTracer(t, Options{ServiceName: "svc", Reporter: rec})
	remote := SpanContext{TraceID: lowTrace, ID: 5, Sampling: Accept, Debug: true, TraceState: "k=v"}
	ctx, parent := tr.Start(ContextWithSpanContext(context.Background(), remote), "parent")
	db := NewSharedRemote(Endpoint{ServiceName: "db"})
	base := []StartOption{WithKind(Client), WithSharedRemote(db), ChildOnly()}
	general := append(slices.Clone(base), WithSampleRate(1))
	var contexts []SpanContext
	for _, opts := range [][]StartOption{base, general} {
		s := tr.StartLeaf(ctx, "query", opts...)
		if s == nil {
			t.Fatal("StartLeaf under a sampled parent returned nil")
		}
		contexts = append(contexts, s.Context())
		s.Tag("sql.query", "SELECT 1")
		s.End(nil)
	}
	parent.End(nil)
	spans := rec.Spans()
	if len(spans) != 3 {
		t.Fatalf("recorded %d spans, want 3", len(spans))
	}
	short, long := spans[0], spans[1]
	if short.ID == long.ID || contexts[0].ID == contexts[1].ID {
		t.Fatalf("both leaves have span ID %v", short.ID)
	}
	short.ID, long.ID = 0, 0
	short.Start, long.Start, short.Duration, long.Duration = time.Time{}, time.Time{}, 0, 0
	if !reflect.DeepEqual(short, long) {
		t.Errorf("short path recorded\n%+v\ngeneral path\n%+v", short, long)
	}
	contexts[0].ID, contexts[1].ID = 0, 0
	if contexts[0] != contexts[1] {
		t.Errorf("short path context %+v, general %+v", contexts[0], contexts[1])
	}
	if c := contexts[0]; !c.Debug || c.TraceState != "k=v" || c.ParentID != spans[2].ID || c.TraceID != lowTrace {
		t.Errorf("leaf context %+v, want a debug child of the parent keeping its tracestate", c)
	}

	denied := ContextWithSpanContext(context.Background(), SpanContext{TraceID: lowTrace, ID: 1, Sampling: Deny})
	var started []uint64
	for _, opts := range [][]StartOption{base, general} {
		before := tr.Stats().Started
		if s := tr.StartLeaf(denied, "query", opts...); s != nil {
			t.Fatal("StartLeaf under a denied parent recorded a span")
		}
		started = append(started, tr.Stats().Started-before)
	}
	if started[0] != started[1] {
		t.Errorf("under a denied parent the short path counted %d decisions, the general one %d", started[0], started[1])
	}
}
