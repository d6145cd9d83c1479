package zipkin

import (
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestSpanSizeClass keeps a sampled span in the allocator's 256-byte size
// class: each byte more than that moves every span to the 288-byte class,
// and the garbage collector's cost per span grows with it.
func TestSpanSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(Span{}); n > 256 {
		t.Errorf("Span is %d bytes, more than the 256-byte size class", n)
	}
	if n := unsafe.Sizeof(spanExt{}); n > 224 {
		t.Errorf("spanExt is %d bytes, more than the 224-byte size class", n)
	}
	if n := unsafe.Sizeof(inlineTag{}); n != 40 {
		t.Errorf("inlineTag is %d bytes, want 40", n)
	}
}

// TestSpanExtension checks the spill-over of tags and annotations past the
// inline ones: insertion order on the wire, replacement by key wherever
// the tag lives, and a remote endpoint set on a span without tags.
func TestSpanExtension(t *testing.T) {
	tr, rec := NewTestTracer()
	_, s := tr.Start(t.Context(), "op")
	for i := range 7 {
		s.TagInt("k"+string(rune('0'+i)), int64(i))
	}
	s.Tag("k0", "inline replaced")
	s.Tag("k5", "spilled replaced")
	for i := range 4 {
		s.Annotate("a" + string(rune('0'+i)))
	}
	s.SetRemoteService("db")
	s.End(nil)
	got := rec.Spans()
	if len(got) != 1 {
		t.Fatalf("%d spans", len(got))
	}
	want := map[string]string{"k0": "inline replaced", "k1": "1", "k2": "2", "k3": "3", "k4": "4", "k5": "spilled replaced", "k6": "6"}
	if len(got[0].Tags) != len(want) {
		t.Errorf("tags %v, want %v", got[0].Tags, want)
	}
	for k, v := range want {
		if got[0].Tags[k] != v {
			t.Errorf("tag %s = %q, want %q", k, got[0].Tags[k], v)
		}
	}
	if n := len(got[0].Annotations); n != 4 {
		t.Fatalf("%d annotations, want 4", n)
	}
	for i, a := range got[0].Annotations {
		if want := "a" + string(rune('0'+i)); a.Value != want {
			t.Errorf("annotation %d = %q, want %q", i, a.Value, want)
		}
	}
	if got[0].RemoteEndpoint.ServiceName != "db" {
		t.Errorf("remote %+v", got[0].RemoteEndpoint)
	}
	// The wire keeps insertion order: k0 … k6.
	js := string(AppendJSON(nil, s))
	last := -1
	for i := range 7 {
		at := strings.Index(js, `"k`+string(rune('0'+i))+`":`)
		if at < 0 || at < last {
			t.Fatalf("tag k%d out of order in %s", i, js)
		}
		last = at
	}
}

// TestSpanClock checks the span clock against time.Now, and that a stale
// offset (a wall-clock step) is corrected once the resync time passes.
func TestSpanClock(t *testing.T) {
	const slack = int64(time.Millisecond)
	before := time.Now().UnixNano()
	got := wallNanos(monoNow())
	after := time.Now().UnixNano()
	if got < before-slack || got > after+slack {
		t.Errorf("span clock %d outside [%d, %d]", got, before, after)
	}

	// Simulate a clock step of one hour that the offset has not seen yet.
	wallOffset.Add(int64(time.Hour))
	nextResync.Store(0)
	before = time.Now().UnixNano()
	got = wallNanos(monoNow())
	after = time.Now().UnixNano()
	if got < before-slack || got > after+slack {
		t.Errorf("after a step: span clock %d outside [%d, %d]", got, before, after)
	}
}
