package zipkin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"sync"
	"testing"
	"time"
)

// startTest starts a root span on a fresh test tracer.
func startTest(t *testing.T, name string, opts ...StartOption) (*Tracer, *Recorder, context.Context, *Span) {
	t.Helper()
	tr, rec := NewTestTracer()
	ctx, s := tr.Start(context.Background(), name, opts...)
	if s == nil {
		t.Fatal("Start returned a nil span on a sampling test tracer")
	}
	return tr, rec, ctx, s
}

// onlySpan returns the one span rec holds.
func onlySpan(t *testing.T, rec *Recorder) RecordedSpan {
	t.Helper()
	spans := rec.Spans()
	if len(spans) != 1 {
		t.Fatalf("recorded %d spans, want 1", len(spans))
	}
	return spans[0]
}

type stringerFunc func() string

func (f stringerFunc) String() string { return f() }

type nilStringer struct{ name string }

func (n *nilStringer) String() string { return n.name } // panics on a nil receiver

func TestTagsAreFormattedLikeFmt(t *testing.T) {
	_, rec, _, s := startTest(t, "tags")
	var nilPtr *nilStringer
	s.Tag("s", "text")
	s.TagInt("i", -42)
	s.TagInt("imin", math.MinInt64)
	s.TagUint("u", math.MaxUint64)
	s.TagFloat("f", 1.5)
	s.TagFloat("fbig", 1e21)
	s.TagFloat("fnan", math.NaN())
	s.TagBool("bt", true)
	s.TagBool("bf", false)
	s.TagError("enil", nil)
	s.TagError("e", errors.New("boom"))
	s.TagStringer("st", stringerFunc(func() string { return "str" }))
	s.TagStringer("stnil", nil)
	s.TagStringer("stnilptr", nilPtr)
	s.TagStringer("stpanic", stringerFunc(func() string { panic("bad") }))
	s.TagAny("any", []int{1, 2})
	s.TagAny("dur", 1500*time.Millisecond)
	s.End(nil)

	want := map[string]string{
		"s": "text", "i": "-42", "imin": fmt.Sprint(int64(math.MinInt64)),
		"u": fmt.Sprint(uint64(math.MaxUint64)), "f": fmt.Sprint(1.5), "fbig": fmt.Sprint(1e21),
		"fnan": fmt.Sprint(math.NaN()), "bt": "true", "bf": "false",
		"enil": fmt.Sprint(error(nil)), "e": "boom", "st": "str", "stnil": "<nil>",
		"stnilptr": fmt.Sprint(nilPtr), "stpanic": "%!v(PANIC=String method: bad)",
		"any": "[1 2]", "dur": "1.5s",
	}
	got := onlySpan(t, rec).Tags
	for k, v := range want {
		if got[k] != v {
			t.Errorf("tag %q = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d tags, want %d: %v", len(got), len(want), got)
	}
}

func TestTagOverflowAndReplace(t *testing.T) {
	_, rec, _, s := startTest(t, "many")
	for i := range 10 {
		s.TagInt(fmt.Sprintf("k%d", i), int64(i))
	}
	s.Tag("k1", "one")   // inline slot replaced
	s.Tag("k8", "eight") // overflow slot replaced
	for i := range 5 {
		s.Annotate(fmt.Sprintf("a%d", i))
	}
	s.End(nil)
	rs := onlySpan(t, rec)
	if len(rs.Tags) != 10 || rs.Tags["k1"] != "one" || rs.Tags["k8"] != "eight" || rs.Tags["k9"] != "9" {
		t.Errorf("tags = %v", rs.Tags)
	}
	if len(rs.Annotations) != 5 {
		t.Fatalf("annotations = %v", rs.Annotations)
	}
	for i, a := range rs.Annotations {
		if a.Value != fmt.Sprintf("a%d", i) {
			t.Errorf("annotation %d = %q: order lost", i, a.Value)
		}
	}
}

// TestTagReplaceBeforeOverflow replaces tags while both fit inline, also
// across value kinds.
func TestTagReplaceBeforeOverflow(t *testing.T) {
	_, rec, _, s := startTest(t, "few")
	s.Tag("a", "1")
	s.TagInt("a", 2)
	s.TagBool("b", true)
	s.Tag("b", "yes")
	s.Tag("a", "3")
	s.End(nil)
	rs := onlySpan(t, rec)
	if len(rs.Tags) != 2 || rs.Tags["a"] != "3" || rs.Tags["b"] != "yes" {
		t.Errorf("tags = %v, want a=3 b=yes", rs.Tags)
	}
}

func TestSetters(t *testing.T) {
	_, rec, _, s := startTest(t, "before", WithKind(Client), WithRemoteService("db"))
	s.SetName("after")
	s.SetKind(Producer)
	s.SetRemoteEndpoint(Endpoint{Addr: netip.MustParseAddr("10.0.0.1"), Port: 5432})
	s.SetRemoteService("queue")
	s.SetError(nil)
	at := time.UnixMicro(1_700_000_000_000_000)
	s.AnnotateAt(at, "sent")
	s.End(nil)
	rs := onlySpan(t, rec)
	want := Endpoint{ServiceName: "queue", Addr: netip.MustParseAddr("10.0.0.1"), Port: 5432}
	if rs.Name != "after" || rs.Kind != Producer || rs.RemoteEndpoint != want {
		t.Errorf("got name %q kind %v remote %+v", rs.Name, rs.Kind, rs.RemoteEndpoint)
	}
	if _, ok := rs.Tags["error"]; ok {
		t.Error("SetError(nil) set an error tag")
	}
	if len(rs.Annotations) != 1 || !rs.Annotations[0].Time.Equal(at) {
		t.Errorf("annotations = %v", rs.Annotations)
	}
	if rs.LocalEndpoint.ServiceName != "test" {
		t.Errorf("local endpoint = %+v", rs.LocalEndpoint)
	}
}

func TestEndRecordsError(t *testing.T) {
	tests := []struct {
		name string
		errp func() *error
		want string // "" means no error tag
	}{
		{"nil pointer", func() *error { return nil }, ""},
		{"nil error", func() *error { var e error; return &e }, ""},
		{"error", func() *error { e := errors.New("disk full"); return &e }, "disk full"},
		{"wrapped", func() *error { e := fmt.Errorf("save: %w", errors.New("disk full")); return &e }, "save: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rec, _, s := startTest(t, "op")
			s.End(tt.errp())
			got, ok := onlySpan(t, rec).Tags["error"]
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("error tag = %q (present %v), want %q", got, ok, tt.want)
			}
		})
	}
}

func TestEndSeesErrorAssignedLater(t *testing.T) {
	tr, rec := NewTestTracer()
	f := func() (err error) {
		_, span := tr.Start(context.Background(), "f")
		defer span.End(&err)
		return errors.New("late")
	}
	_ = f()
	if got := onlySpan(t, rec).Tags["error"]; got != "late" {
		t.Errorf("error tag = %q, want the returned error", got)
	}
}

func TestDurationAndTimestamp(t *testing.T) {
	before := time.Now()
	_, rec, _, s := startTest(t, "op")
	time.Sleep(time.Millisecond)
	s.Annotate("mid")
	s.End(nil)
	rs := onlySpan(t, rec)
	startUs, endUs := rs.Start.UnixMicro(), rs.Start.UnixMicro()+rs.Duration.Microseconds()
	if at := rs.Annotations[0].Time.UnixMicro(); at < startUs+1000 || at > endUs {
		t.Errorf("annotation at %dµs, outside [%d+1ms, %d]", at, startUs, endUs)
	}
	if rs.Duration < time.Microsecond {
		t.Errorf("duration %v < 1µs", rs.Duration)
	}
	if rs.Start.Before(before.Add(-time.Second)) || rs.Start.After(time.Now()) {
		t.Errorf("start %v not around now", rs.Start)
	}
}

func TestLateMutationsAreCountedNoOps(t *testing.T) {
	tr, rec, _, s := startTest(t, "op")
	s.Tag("k", "v")
	s.End(nil)
	s.Tag("k", "changed")
	s.TagInt("n", 1)
	s.TagError("e", errors.New("x"))
	s.TagStringer("st", stringerFunc(func() string { t.Error("String called after End"); return "" }))
	s.TagAny("a", 1)
	s.Annotate("late")
	s.SetName("renamed")
	s.SetKind(Server)
	s.SetRemoteService("x")
	e := errors.New("second end")
	s.End(&e)
	if got := tr.Stats().LateMutations; got != 10 {
		t.Errorf("LateMutations = %d, want 10", got)
	}
	rs := onlySpan(t, rec) // a second End does not report again
	if rs.Name != "op" || rs.Tags["k"] != "v" || len(rs.Tags) != 1 || len(rs.Annotations) != 0 {
		t.Errorf("span changed after End: %+v", rs)
	}
	if s.IsRecording() {
		t.Error("IsRecording after End")
	}
	if s.Name() != "op" {
		t.Errorf("Name() = %q after End, want the reported op", s.Name())
	}
}

func TestNameFollowsSetName(t *testing.T) {
	_, _, _, s := startTest(t, "first")
	if s.Name() != "first" {
		t.Errorf("Name() = %q, want first", s.Name())
	}
	s.SetName("second")
	if s.Name() != "second" {
		t.Errorf("Name() = %q after SetName, want second", s.Name())
	}
	s.End(nil)
}

func TestNilSpanIsSafe(t *testing.T) {
	var s *Span
	e := errors.New("x")
	s.Tag("k", "v")
	s.TagInt("k", 1)
	s.TagUint("k", 1)
	s.TagFloat("k", 1)
	s.TagBool("k", true)
	s.TagError("k", e)
	s.TagStringer("k", stringerFunc(func() string { t.Error("String called on a nil span"); return "" }))
	s.TagAny("k", 1)
	s.Annotate("a")
	s.AnnotateAt(time.Now(), "a")
	s.SetName("n")
	s.SetKind(Client)
	s.SetRemoteEndpoint(Endpoint{ServiceName: "x"})
	s.SetRemoteService("x")
	s.SetError(e)
	s.End(&e)
	if s.IsRecording() || s.Context() != (SpanContext{}) || s.Name() != "" {
		t.Error("a nil span claims to record, to have a context or a name")
	}
	if got := AppendJSON(nil, s); len(got) != 0 {
		t.Errorf("AppendJSON(nil span) = %q", got)
	}
}

// runWorkers runs f(w) on n goroutines released at once.
func runWorkers(n int, f func(w int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f(w)
		}()
	}
	close(start)
	wg.Wait()
}

func TestConcurrentTagAndAnnotate(t *testing.T) {
	tr, rec, _, s := startTest(t, "shared")
	const workers, each = 8, 200
	runWorkers(workers, func(w int) {
		for i := range each {
			key := fmt.Sprintf("w%d.%d", w, i%3)
			s.Tag(key, "v")
			s.TagInt(key, int64(i))
			s.Annotate(key)
		}
	})
	s.End(nil)
	rs := onlySpan(t, rec)
	if len(rs.Annotations) != workers*each {
		t.Errorf("%d annotations, want %d", len(rs.Annotations), workers*each)
	}
	if len(rs.Tags) != workers*3 {
		t.Errorf("%d tags, want %d (one per key)", len(rs.Tags), workers*3)
	}
	if late := tr.Stats().LateMutations; late != 0 {
		t.Errorf("LateMutations = %d before End", late)
	}
}

func TestConcurrentAnnotateRacingEnd(t *testing.T) {
	tr, rec, _, s := startTest(t, "shared")
	const workers, each = 4, 500
	runWorkers(workers+1, func(w int) {
		if w == workers {
			time.Sleep(200 * time.Microsecond)
			s.End(nil)
			return
		}
		for range each {
			s.Annotate("x")
		}
	})
	applied := uint64(len(onlySpan(t, rec).Annotations))
	if late := tr.Stats().LateMutations; applied+late != workers*each {
		t.Errorf("applied %d + late %d != %d calls: a mutation was lost or doubled", applied, late, workers*each)
	}
}

func TestZeroSpanIsHarmless(t *testing.T) {
	var s Span // not made by Start: usable, never reported
	s.Tag("k", "v")
	s.Annotate("a")
	s.End(nil)
	s.Tag("late", "x")
	if s.IsRecording() {
		t.Error("an ended zero Span records")
	}
	_ = AppendJSON(nil, &s)
	_ = AppendProto(nil, &s)
}
