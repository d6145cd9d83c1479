package zipkin

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"
)

// RecordedSpan is a finished span as plain values, for assertions in tests.
type RecordedSpan struct {
	Name           string
	TraceID        TraceID
	ID             SpanID
	ParentID       SpanID // zero for a root span
	Kind           Kind
	Tags           map[string]string // typed tags formatted as on the wire; nil when none
	Annotations    []Annotation
	LocalEndpoint  Endpoint
	RemoteEndpoint Endpoint
	Debug          bool
	Shared         bool
	Start          time.Time
	Duration       time.Duration // at least 1µs, as reported
}

// Recorder is an in-memory Reporter for tests: it keeps every span it is
// given, in the order they ended.
type Recorder struct {
	mu     sync.Mutex
	spans  []RecordedSpan
	total  uint64
	late   uint64
	closed bool
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder { return &Recorder{} }

// NewTestTracer returns an enabled tracer that samples every trace into a
// new Recorder, with service name "test". Tests use it with SetDefault, or
// call its Start directly:
//
//	tr, rec := zipkin.NewTestTracer()
//	defer zipkin.SetDefault(zipkin.SetDefault(tr))
func NewTestTracer() (*Tracer, *Recorder) {
	rec := NewRecorder()
	t, err := New(Options{ServiceName: "test", Reporter: rec})
	if err != nil {
		panic(err) // unreachable: these options are valid
	}
	return t, rec
}

// Report records s. After Close it counts a drop instead.
func (r *Recorder) Report(s *Span) {
	rs := s.record()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		r.late++
		return
	}
	r.spans = append(r.spans, rs)
	r.total++
}

// Flush does nothing: recorded spans are visible at once.
func (r *Recorder) Flush(context.Context) error { return nil }

// Close stops recording; later spans are counted as dropped.
func (r *Recorder) Close(context.Context) error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	return nil
}

// Spans returns a copy of the recorded spans, in the order they ended.
// The caller may modify it.
func (r *Recorder) Spans() []RecordedSpan {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]RecordedSpan, len(r.spans))
	for i, s := range r.spans {
		s.Tags = maps.Clone(s.Tags)
		s.Annotations = slices.Clone(s.Annotations)
		out[i] = s
	}
	return out
}

// Reset forgets the recorded spans (the counters keep counting).
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.spans = nil
	r.mu.Unlock()
}

// ReporterStats counts every recorded span as reported.
func (r *Recorder) ReporterStats() ReporterStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	var st ReporterStats
	st.Reported = r.total
	st.Dropped[DropShutdown] = r.late
	return st
}

// record returns s as plain values. For a span that has not ended, the
// duration is zero.
func (s *Span) record() RecordedSpan {
	if s == nil {
		return RecordedSpan{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := RecordedSpan{
		Name:           s.name,
		TraceID:        s.sc.TraceID,
		ID:             s.sc.ID,
		ParentID:       s.sc.ParentID,
		Kind:           s.kind,
		RemoteEndpoint: *s.remote(),
		Debug:          s.sc.Debug,
		Shared:         s.shared,
		Start:          time.Unix(0, s.startWall),
	}
	if s.ended {
		rs.Duration = time.Duration(s.durationMicros()) * time.Microsecond
	}
	if s.tracer != nil {
		rs.LocalEndpoint = s.tracer.local
	}
	if n := s.tagCount(); n > 0 {
		rs.Tags = make(map[string]string, n)
		for i := range n {
			t := s.tagAt(i)
			rs.Tags[t.key] = t.valueString()
		}
	}
	for i := range s.annotationCount() {
		a := s.annotationAt(i)
		rs.Annotations = append(rs.Annotations, Annotation{Time: time.UnixMicro(a.micros), Value: a.value})
	}
	return rs
}

// valueString is the tag's value as the wire carries it.
func (t *tag) valueString() string {
	if t.kind == tagString {
		return t.str
	}
	var buf [32]byte
	return string(t.appendValue(buf[:0]))
}
