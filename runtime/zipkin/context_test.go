package zipkin

import (
	"context"
	"errors"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func rate(r float64) *float64 { return &r }

func newTracer(t testing.TB, o Options) *Tracer {
	t.Helper()
	tr, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// Trace IDs on either side of the 0.5 threshold (Low < 2^63).
var (
	lowTrace  = TraceID{High: 1, Low: 1 << 62}
	highTrace = TraceID{High: 1, Low: 3 << 62}
)

func TestStartParentage(t *testing.T) {
	remote := func(tid TraceID, d Decision, debug bool) SpanContext {
		return SpanContext{TraceID: tid, ID: 0xabc, Sampling: d, Debug: debug}
	}
	tests := []struct {
		name        string
		rate        float64
		parent      *SpanContext // via WithParent
		ctxParent   *SpanContext // via ContextWithSpanContext
		wantSpan    bool
		wantTrace   *TraceID // nil: a new trace
		wantDebug   bool
		wantNewNode bool // an unsampled result still carries a new context
	}{
		{name: "root at rate 1", rate: 1, wantSpan: true},
		{name: "root at rate 0", rate: 0, wantNewNode: true},
		{name: "accepted remote at rate 0", rate: 0, parent: ptr(remote(highTrace, Accept, false)), wantSpan: true, wantTrace: &highTrace},
		{name: "denied remote at rate 1", rate: 1, parent: ptr(remote(lowTrace, Deny, false)), wantNewNode: true, wantTrace: &lowTrace},
		{name: "debug beats deny", rate: 0, parent: ptr(remote(highTrace, Deny, true)), wantSpan: true, wantTrace: &highTrace, wantDebug: true},
		{name: "deferred remote below the rate", rate: 0.5, parent: ptr(remote(lowTrace, Defer, false)), wantSpan: true, wantTrace: &lowTrace},
		{name: "deferred remote above the rate", rate: 0.5, parent: ptr(remote(highTrace, Defer, false)), wantNewNode: true, wantTrace: &highTrace},
		{name: "accepted remote in ctx", rate: 0, ctxParent: ptr(remote(highTrace, Accept, false)), wantSpan: true, wantTrace: &highTrace},
		{name: "denied remote in ctx", rate: 1, ctxParent: ptr(remote(lowTrace, Deny, false)), wantTrace: &lowTrace},
		{name: "deferred remote in ctx decided once", rate: 0.5, ctxParent: ptr(remote(highTrace, Defer, false)), wantNewNode: true, wantTrace: &highTrace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(tt.rate)})
			ctx := context.Background()
			if tt.ctxParent != nil {
				ctx = ContextWithSpanContext(ctx, *tt.ctxParent)
			}
			var opts []StartOption
			if tt.parent != nil {
				opts = append(opts, WithParent(*tt.parent))
			}
			got, span := tr.Start(ctx, "op", opts...)
			if (span != nil) != tt.wantSpan {
				t.Fatalf("span = %v, want sampled %v", span, tt.wantSpan)
			}
			if !tt.wantSpan && (got != ctx) != tt.wantNewNode {
				t.Errorf("new context = %v, want %v", got != ctx, tt.wantNewNode)
			}
			sc, ok := SpanContextFromContext(got)
			if !ok {
				t.Fatal("no SpanContext in the returned context")
			}
			if tt.wantTrace != nil && sc.TraceID != *tt.wantTrace {
				t.Errorf("trace %v, want %v", sc.TraceID, *tt.wantTrace)
			}
			if tt.wantSpan {
				checkSampledSpan(t, span, got, tt.parent, tt.ctxParent, tt.wantDebug)
			} else if sc.IsSampled() {
				t.Errorf("unsampled context says sampled: %+v", sc)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func checkSampledSpan(t *testing.T, span *Span, ctx context.Context, parents ...any) {
	t.Helper()
	sc := span.Context()
	if SpanFromContext(ctx) != span {
		t.Error("SpanFromContext does not return the span")
	}
	if !sc.IsValid() || sc.Sampling != Accept {
		t.Errorf("span context %+v is not a valid sampled one", sc)
	}
	var parent *SpanContext
	for _, p := range parents[:2] {
		if p, _ := p.(*SpanContext); p != nil {
			parent = p
		}
	}
	if parent != nil && (sc.ParentID != parent.ID || sc.ID == parent.ID) {
		t.Errorf("span %v/%v, want a new child of %v", sc.ParentID, sc.ID, parent.ID)
	}
	if parent == nil && sc.ParentID != 0 {
		t.Errorf("root has parent %v", sc.ParentID)
	}
	if sc.Debug != parents[2].(bool) {
		t.Errorf("debug = %v", sc.Debug)
	}
}

func TestChildOfLocalSpan(t *testing.T) {
	tr, rec := NewTestTracer()
	ctx, root := tr.Start(context.Background(), "root")
	cctx, child := tr.Start(ctx, "child")
	_, grandchild := tr.Start(cctx, "grandchild")
	for _, s := range []*Span{grandchild, child, root} {
		s.End(nil)
	}
	spans := rec.Spans()
	if spans[0].ParentID != child.Context().ID || spans[1].ParentID != root.Context().ID || spans[2].ParentID != 0 {
		t.Errorf("parentage wrong: %+v", spans)
	}
	for _, s := range spans {
		if s.TraceID != root.Context().TraceID {
			t.Errorf("span %s left the trace", s.Name)
		}
	}
	if !root.localRoot || child.localRoot {
		t.Error("local root flags wrong")
	}
}

func TestWithNewTraceIgnoresParent(t *testing.T) {
	tr, _ := NewTestTracer()
	ctx, root := tr.Start(context.Background(), "root")
	_, other := tr.Start(ctx, "detached", WithNewTrace(), WithParent(root.Context()))
	if other.Context().TraceID == root.Context().TraceID || other.Context().ParentID != 0 {
		t.Errorf("WithNewTrace kept the parent: %+v", other.Context())
	}
}

func TestStartOptions(t *testing.T) {
	tr, rec := NewTestTracer()
	ep := Endpoint{ServiceName: "db", Port: 5432}
	_, s := tr.Start(context.Background(), "op", WithKind(Client), WithRemoteEndpoint(ep), WithRemoteService("pg"), WithParent(SpanContext{}))
	s.End(nil)
	rs := onlySpan(t, rec)
	if rs.Kind != Client || rs.RemoteEndpoint != (Endpoint{ServiceName: "pg", Port: 5432}) || rs.ParentID != 0 {
		t.Errorf("options not applied: %+v", rs)
	}
}

var sharedDB = NewSharedRemote(Endpoint{ServiceName: "db"})

// TestSharedRemote checks that spans started WithSharedRemote record its
// endpoint, that every kind of write that needs an extension (a tag or
// annotation past the inline ones, a remote endpoint, a slot) gives the
// span its own, copied from the shared one, and that the shared one is
// never written: a later span still sees only the endpoint.
func TestSharedRemote(t *testing.T) {
	ep := Endpoint{ServiceName: "db", Addr: netip.MustParseAddr("10.0.0.5"), Port: 5432}
	r := NewSharedRemote(ep)
	if r.Endpoint() != ep {
		t.Fatalf("Endpoint() = %+v", r.Endpoint())
	}
	tr, rec := NewTestTracer()
	for _, tt := range []struct {
		name string
		f    func(ctx context.Context, s *Span)
		want RecordedSpan
	}{
		{"nothing else", func(context.Context, *Span) {}, RecordedSpan{RemoteEndpoint: ep, Tags: map[string]string{}}},
		{"spilled tags", func(_ context.Context, s *Span) {
			s.Tag("a", "1")
			s.Tag("b", "2")
			s.Tag("c", "3")
		}, RecordedSpan{RemoteEndpoint: ep, Tags: map[string]string{"a": "1", "b": "2", "c": "3"}}},
		{"spilled annotations", func(_ context.Context, s *Span) {
			s.Annotate("x")
			s.Annotate("y")
		}, RecordedSpan{RemoteEndpoint: ep, Tags: map[string]string{}, Annotations: []Annotation{{Value: "x"}, {Value: "y"}}}},
		{"remote service", func(_ context.Context, s *Span) { s.SetRemoteService("pg") },
			RecordedSpan{RemoteEndpoint: Endpoint{ServiceName: "pg", Addr: ep.Addr, Port: ep.Port}, Tags: map[string]string{}}},
		{"remote endpoint", func(_ context.Context, s *Span) { s.SetRemoteEndpoint(Endpoint{ServiceName: "other"}) },
			RecordedSpan{RemoteEndpoint: Endpoint{ServiceName: "other"}, Tags: map[string]string{}}},
	} {
		rec.Reset()
		ctx, s := tr.Start(context.Background(), tt.name, WithKind(Client), WithSharedRemote(r))
		tt.f(ctx, s)
		s.End(nil)
		_, later := tr.Start(context.Background(), "later", WithSharedRemote(r))
		later.End(nil)
		got := rec.Spans()
		if len(got) != 2 {
			t.Fatalf("%s: %d spans", tt.name, len(got))
		}
		if got[0].Kind != Client || got[0].RemoteEndpoint != tt.want.RemoteEndpoint || len(got[0].Tags) != len(tt.want.Tags) || len(got[0].Annotations) != len(tt.want.Annotations) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got[0], tt.want)
		}
		for k, v := range tt.want.Tags {
			if got[0].Tags[k] != v {
				t.Errorf("%s: tag %s = %q, want %q", tt.name, k, got[0].Tags[k], v)
			}
		}
		for i, a := range tt.want.Annotations {
			if i < len(got[0].Annotations) && got[0].Annotations[i].Value != a.Value {
				t.Errorf("%s: annotation %d = %q, want %q", tt.name, i, got[0].Annotations[i].Value, a.Value)
			}
		}
		if l := got[1]; l.RemoteEndpoint != ep || len(l.Tags) != 0 || len(l.Annotations) != 0 {
			t.Errorf("%s: the shared extension was written: a later span has %+v", tt.name, l)
		}
	}
	if r.ext.tags != nil || r.ext.anns != nil || r.ext.slot != nil || r.ext.remote != ep {
		t.Errorf("shared extension written: %+v", *r.ext)
	}

	// A span in a slot (StartFrom) holds the slot in its extension.
	rec.Reset()
	src := slotSource{WithSpanSlot(context.Background())}
	_, s := tr.StartFrom(src, "slotted", WithSharedRemote(r))
	if s.ext == r.ext || s.ext.slot == nil || s.ext.remote != ep {
		t.Errorf("a slotted span's extension: %+v", *s.ext)
	}
	if SpanFromContext(src.Context()) != s {
		t.Error("the slot does not hold the span")
	}
	s.End(nil)
	if r.ext.slot != nil {
		t.Error("the slot was stored in the shared extension")
	}

	// Later options override it, as they do WithRemoteEndpoint; a zero or
	// nil one records no endpoint.
	rec.Reset()
	_, s = tr.Start(context.Background(), "svc", WithSharedRemote(r), WithRemoteService("pg"))
	s.End(nil)
	_, s = tr.Start(context.Background(), "zero", WithRemoteEndpoint(ep), WithSharedRemote(NewSharedRemote(Endpoint{})))
	s.End(nil)
	_, s = tr.Start(context.Background(), "nil", WithSharedRemote(nil))
	s.End(nil)
	got := rec.Spans()
	if len(got) != 3 || got[0].RemoteEndpoint != (Endpoint{ServiceName: "pg", Addr: ep.Addr, Port: ep.Port}) || !got[1].RemoteEndpoint.IsZero() || !got[2].RemoteEndpoint.IsZero() {
		t.Errorf("overridden shared remote: %+v", got)
	}
}

func TestUnsampledRootIsDecidedOnce(t *testing.T) {
	tr := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	ctx, span := tr.Start(context.Background(), "root")
	if span != nil {
		t.Fatal("sampled at rate 0")
	}
	sc, ok := SpanContextFromContext(ctx)
	if !ok || sc.Sampling != Deny || !sc.IsValid() {
		t.Fatalf("unsampled root context = %+v, %v", sc, ok)
	}
	child, span := tr.Start(ctx, "child")
	if child != ctx || span != nil {
		t.Error("a child of an unsampled trace made a new context")
	}
	if st := tr.Stats(); st.Started != 2 || st.Sampled != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestSamplerAgreesAcrossServices(t *testing.T) {
	a := newSampler(rate(0.25))
	b := newSampler(rate(0.25))
	sampled := 0
	for i := range 4000 {
		id := newTraceID()
		if a.sample(id) != b.sample(id) {
			t.Fatalf("trace %d: two samplers with one rate disagree", i)
		}
		if a.sample(id) {
			sampled++
		}
	}
	if sampled < 800 || sampled > 1200 {
		t.Errorf("sampled %d of 4000 at rate 0.25", sampled)
	}
	if newSampler(rate(0)).sample(TraceID{Low: 1}) || !newSampler(nil).sample(TraceID{Low: ^uint64(0)}) {
		t.Error("rate 0 or 1 not absolute")
	}
}

type ctxKeyTest struct{}

func TestSpanContextDelegatesToParent(t *testing.T) {
	tr, _ := NewTestTracer()
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), ctxKeyTest{}, "v"), deadline)
	ctx, span := tr.Start(parent, "op")
	defer span.End(nil)
	if d, ok := ctx.Deadline(); !ok || !d.Equal(deadline) {
		t.Error("deadline lost")
	}
	if ctx.Value(ctxKeyTest{}) != "v" {
		t.Error("parent value lost")
	}
	inner, innerCancel := context.WithCancel(ctx)
	defer innerCancel()
	cancel()
	select {
	case <-inner.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling the parent did not reach a context derived from the span's")
	}
	if !errors.Is(ctx.Err(), context.Canceled) || !errors.Is(inner.Err(), context.Canceled) {
		t.Errorf("Err = %v, %v", ctx.Err(), inner.Err())
	}
	if SpanFromContext(inner) != span {
		t.Error("span lost under a derived context")
	}
}

func TestContextHelpers(t *testing.T) {
	//lint:ignore SA1012 a nil context from a careless caller must not crash
	if SpanFromContext(nil) != nil {
		t.Error("span from nil context")
	}
	if _, ok := SpanContextFromContext(context.Background()); ok {
		t.Error("SpanContext from an empty context")
	}
	if ContextWithSpanContext(context.Background(), SpanContext{}) != context.Background() {
		t.Error("an invalid SpanContext made a new context")
	}
	Annotate(context.Background(), "nowhere") // no span: no-op
	Tag(context.Background(), "k", "v")

	tr, rec := NewTestTracer()
	ctx, span := tr.Start(context.Background(), "op")
	Annotate(ctx, "here")
	Tag(ctx, "k", "v")
	span.End(nil)
	rs := onlySpan(t, rec)
	if rs.Tags["k"] != "v" || len(rs.Annotations) != 1 || rs.Annotations[0].Value != "here" {
		t.Errorf("context helpers did not reach the span: %+v", rs)
	}
}

func TestStartRequest(t *testing.T) {
	tr, rec := NewTestTracer()
	r := httptest.NewRequest("GET", "/x", nil)
	r2, span := tr.StartRequest(r, "handler")
	if r2 == r || SpanFromContext(r2.Context()) != span || span.Context().ParentID != 0 {
		t.Fatal("a new root did not come back in a new request")
	}
	if rs := func() RecordedSpan { span.End(nil); return onlySpan(t, rec) }(); rs.Kind != Unspecified {
		t.Errorf("StartRequest implied kind %v", rs.Kind)
	}

	// A span in the request's context wins over the headers.
	ctx, parent := tr.Start(context.Background(), "parent")
	r = httptest.NewRequest("GET", "/x", nil).WithContext(ctx)
	r.Header.Set("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124")
	r.Header.Set("X-B3-SpanId", "a2fb4a1d1a96d312")
	_, child := tr.StartRequest(r, "handler")
	if child.Context().ParentID != parent.Context().ID {
		t.Error("the context's span did not win over the headers")
	}

	// Disabled, and unsampled children: the same request comes back.
	var off *Tracer
	if r3, s := off.StartRequest(r, "x"); r3 != r || s != nil {
		t.Error("a disabled tracer changed the request")
	}
	never := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	uctx, _ := never.Start(context.Background(), "root")
	ur := r.WithContext(uctx)
	if r3, s := never.StartRequest(ur, "x"); r3 != ur || s != nil {
		t.Error("an unsampled child changed the request")
	}
}

func TestStartAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	sampled := newDiscardTracer(t, nil)
	never := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	sctx, root := sampled.Start(context.Background(), "root")
	defer root.End(nil)
	uctx, _ := never.Start(context.Background(), "root")
	var disabled *Tracer
	bg := context.Background()
	tests := []struct {
		name string
		want float64
		f    func()
	}{
		{"disabled", 0, func() { _, s := disabled.Start(bg, "x", WithKind(Client)); s.Tag("k", "v"); s.End(nil) }},
		{"unsampled child", 0, func() { _, s := never.Start(uctx, "x", WithKind(Client)); s.Tag("k", "v"); s.End(nil) }},
		{"unsampled root", 1, func() { never.Start(bg, "x") }},
		{"sampled child", 1, func() {
			_, s := sampled.Start(sctx, "x", WithKind(Client))
			s.Tag("a", "b")
			s.TagInt("n", 1)
			s.Annotate("x")
			s.End(nil)
		}},
		// A remote endpoint, and tags or annotations past the inline two
		// and one, share one more allocation (spanExt).
		{"sampled child with remote and more", 2, func() {
			_, s := sampled.Start(sctx, "x", WithKind(Client), WithRemoteService("db"))
			s.Tag("a", "b")
			s.TagInt("n", 1)
			s.TagBool("c", true)
			s.Annotate("x")
			s.Annotate("y")
			s.SetRemoteService("db2")
			s.End(nil)
		}},
		// A shared remote costs nothing more until the span needs an
		// extension of its own, which is then the one allocation more.
		{"sampled child with shared remote", 1, func() {
			_, s := sampled.Start(sctx, "x", WithKind(Client), WithSharedRemote(sharedDB))
			s.Tag("a", "b")
			s.TagInt("n", 1)
			s.Annotate("x")
			s.End(nil)
		}},
		{"sampled child with shared remote and more", 2, func() {
			_, s := sampled.Start(sctx, "x", WithKind(Client), WithSharedRemote(sharedDB))
			s.Tag("a", "b")
			s.TagInt("n", 1)
			s.TagBool("c", true)
			s.Annotate("x")
			s.Annotate("y")
			s.End(nil)
		}},
		{"SpanFromContext", 0, func() { _ = SpanFromContext(sctx) }},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(200, tt.f); got != tt.want {
			t.Errorf("%s: %v allocs, want %v", tt.name, got, tt.want)
		}
	}
}

func TestBareSamplingDecisions(t *testing.T) {
	tr, _ := NewTestTracer()
	deny := SpanContext{Sampling: Deny}
	debug := SpanContext{Debug: true}

	ctx, span := tr.Start(context.Background(), "x", WithParent(deny))
	if sc, _ := SpanContextFromContext(ctx); span != nil || sc.Sampling != Deny || !sc.IsValid() {
		t.Errorf("bare deny: span %v, context %+v; want an unsampled new trace", span, sc)
	}
	_, span = tr.Start(context.Background(), "x", WithParent(debug))
	if sc := span.Context(); span == nil || !sc.Debug || sc.ParentID != 0 || !sc.IsValid() {
		t.Errorf("bare debug: %+v; want a sampled debug root", sc)
	}
	dctx := ContextWithSpanContext(context.Background(), deny)
	if got, span := tr.Start(dctx, "x"); got != dctx || span != nil {
		t.Error("a bare deny in ctx must leave children unsampled at no cost")
	}

	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("b3", "0")
	if _, span := tr.StartRequest(r, "h"); span != nil {
		t.Error(`StartRequest ignored "b3: 0"`)
	}
	r.Header.Del("b3")
	r.Header.Set("X-B3-Flags", "1")
	if _, span := tr.StartRequest(r, "h"); span == nil || !span.Context().Debug {
		t.Error(`StartRequest ignored "X-B3-Flags: 1"`)
	}
	if ContextWithSpanContext(context.Background(), SpanContext{}) != context.Background() {
		t.Error("no IDs and no decision must leave ctx unchanged")
	}
}

func TestWithParentOfTheLocalSpanIsNotALocalRoot(t *testing.T) {
	tr, _ := NewTestTracer()
	ctx, root := tr.Start(context.Background(), "root")
	_, child := tr.Start(ctx, "child", WithParent(root.Context()))
	_, remote := tr.Start(ctx, "remote", WithParent(SpanContext{TraceID: lowTrace, ID: 5, Sampling: Accept}))
	if child.localRoot || child.Context().ParentID != root.Context().ID {
		t.Error("a child of the span in ctx, named through WithParent, counts as a local root")
	}
	if !remote.localRoot || remote.Context().TraceID != lowTrace {
		t.Error("a remote parent through WithParent must make a local root")
	}
}

// TestChildOnly: a ChildOnly Start is a child of whatever parent Start
// would use, and without one records nothing and hands ctx back as it is;
// WithNewTrace overrides it.
func TestChildOnly(t *testing.T) {
	tr, rec := NewTestTracer()
	type key struct{}
	bare := context.WithValue(context.Background(), key{}, "v")
	ctx, s := tr.Start(bare, "orphan", ChildOnly())
	if s != nil || ctx != bare {
		t.Fatalf("no parent: span %v, ctx %v; want nil and ctx unchanged", s, ctx)
	}
	if s := tr.StartLeaf(bare, "orphan leaf", ChildOnly()); s != nil {
		t.Fatalf("no parent, StartLeaf: span %v, want nil", s)
	}

	pctx, parent := tr.Start(context.Background(), "parent")
	_, child := tr.Start(pctx, "child", ChildOnly())
	leaf := tr.StartLeaf(pctx, "leaf", ChildOnly())
	remote := SpanContext{TraceID: TraceID{Low: 7}, ID: 8, Sampling: Accept}
	_, fromOpt := tr.Start(bare, "from option", ChildOnly(), WithParent(remote))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-B3-TraceId", "0000000000000009")
	req.Header.Set("X-B3-SpanId", "000000000000000a")
	req.Header.Set("X-B3-Sampled", "1")
	_, fromHeader := tr.StartRequest(req, "from header", ChildOnly())
	_, root := tr.Start(bare, "new trace", ChildOnly(), WithNewTrace())
	for _, s := range []*Span{child, leaf, fromOpt, fromHeader, root} {
		if s == nil {
			t.Fatal("a ChildOnly Start with a parent (or WithNewTrace) recorded nothing")
		}
		s.End(nil)
	}
	parent.End(nil)

	unsampled := newTracer(t, Options{Reporter: NewRecorder(), SampleRate: rate(0)})
	uctx, _ := unsampled.Start(context.Background(), "unsampled root")
	if _, s := unsampled.Start(uctx, "child", ChildOnly()); s != nil {
		t.Fatal("ChildOnly under an unsampled parent recorded a span")
	}

	byName := map[string]RecordedSpan{}
	for _, s := range rec.Spans() {
		byName[s.Name] = s
	}
	if len(byName) != 6 {
		t.Fatalf("recorded %v, want parent and its five ChildOnly spans", byName)
	}
	p := byName["parent"]
	for _, name := range []string{"child", "leaf"} {
		if s := byName[name]; s.TraceID != p.TraceID || s.ParentID != p.ID {
			t.Errorf("%s: trace %v parent %v, want child of %v/%v", name, s.TraceID, s.ParentID, p.TraceID, p.ID)
		}
	}
	if s := byName["from option"]; s.TraceID != remote.TraceID || s.ParentID != remote.ID {
		t.Errorf("from option: trace %v parent %v, want child of %v/%v", s.TraceID, s.ParentID, remote.TraceID, remote.ID)
	}
	if s := byName["from header"]; s.TraceID != (TraceID{Low: 9}) || s.ParentID != 0xa {
		t.Errorf("from header: trace %v parent %v, want child of the B3 headers' span", s.TraceID, s.ParentID)
	}
	if s := byName["new trace"]; s.ParentID != 0 || s.TraceID == p.TraceID {
		t.Errorf("new trace: trace %v parent %v, want a root of its own", s.TraceID, s.ParentID)
	}
}
