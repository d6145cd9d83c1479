package zipkin

import (
	"fmt"
	"math"
	"reflect"
	"sync"
	"time"
)

// Inline capacities. A sampled span is one allocation of 256 bytes (a
// size class of the Go allocator; span_size_test.go keeps it there) holding
// the first two tags and the first annotation: the shape of most traced
// functions, and of the benchmark. A remote endpoint, or more tags
// and annotations, take one more allocation, a spanExt.
const (
	inlineTags        = 2
	inlineAnnotations = 1
)

// Span is one timed operation of a trace. A nil *Span is valid and every
// method on it is a no-op: the disabled tracer and unsampled traces return
// nil spans so that traced code never checks.
//
// A Span is safe for concurrent use. After End it is immutable: later
// mutations are counted (Stats.LateMutations) and ignored.
type Span struct {
	// node is the context.Context returned by Start; embedding it is what
	// makes a sampled span a single allocation.
	node      spanNode
	tracer    *Tracer
	sc        SpanContext
	startWall int64 // Unix nanoseconds, from the span clock (clock.go)
	startMono int64 // monoNow() at Start: durations and annotations
	duration  time.Duration

	mu        sync.Mutex
	ended     bool
	localRoot bool // the parent (if any) is in another process
	shared    bool
	kind      Kind
	numTags   uint8
	numAnns   uint8
	tagKinds  [inlineTags]tagKind
	name      string
	ext       *spanExt // nil until a remote endpoint or an overflowing tag or annotation
	tags      [inlineTags]inlineTag
	anns      [inlineAnnotations]annotation
}

// spanExt holds what does not fit in a Span: the remote endpoint, and the
// tags and annotations after the inline ones. Its own arrays back the
// slices first, so a server or client span with a handful of tags costs
// one allocation more, not one per tag. Two more tags is what zipkinhttp's
// spans need (server: method, path, route, status; client: method, url,
// status); with them and the slot pointer the extension is 224 bytes, the
// top of its size class (span_size_test.go).
type spanExt struct {
	remote Endpoint
	tags   []tag
	anns   []annotation
	tagBuf [2]tag
	annBuf [1]annotation
	slot   *spanSlot // the slot the span is current in, until it ends (slot.go)
}

func newSpanExt() *spanExt {
	e := new(spanExt)
	e.tags = e.tagBuf[:0]
	e.anns = e.annBuf[:0]
	return e
}

// extension returns s.ext for writing, creating it. s.mu must be held (or
// s not yet shared).
//
// s.ext may be a frozen extension, shared by many spans and never
// written: a SharedRemote's, which holds only a remote endpoint. Frozen
// is told by nil tags: newSpanExt sets them to tagBuf and no append or
// deletion makes them nil again. Every write of an extension goes through
// here, except those to tags and annotations that are already in it,
// which a frozen one has none of; a frozen extension is replaced by a
// copy of its endpoint the first time.
func (s *Span) extension() *spanExt {
	if s.ext == nil {
		s.ext = newSpanExt()
	} else if s.ext.tags == nil {
		e := newSpanExt()
		e.remote = s.ext.remote
		s.ext = e
	}
	return s.ext
}

// noEndpoint is the remote endpoint of a span that has none.
var noEndpoint Endpoint

// remote returns the span's remote endpoint; the zero Endpoint when none
// was set. The result must not be modified.
func (s *Span) remote() *Endpoint {
	if s.ext == nil {
		return &noEndpoint
	}
	return &s.ext.remote
}

// tagKind says how a tag's value is stored; encoders format it.
type tagKind uint8

const (
	tagString tagKind = iota
	tagInt
	tagUint
	tagFloat
	tagBool
)

// tag is a key with a typed value: numbers stay numbers until encoded, so
// tagging never allocates.
type tag struct {
	key  string
	str  string
	num  uint64 // int64, uint64, float64 bits or bool, by kind
	kind tagKind
}

// inlineTag is a tag stored in the Span itself, whose kind is kept apart
// in Span.tagKinds: 40 bytes instead of 48 is what fits two of them in the
// span's size class.
type inlineTag struct {
	key string
	str string
	num uint64
}

// annotation is a timestamped event; the time is in epoch microseconds.
type annotation struct {
	micros int64
	value  string
}

// Annotation is a timestamped event recorded on a span.
type Annotation struct {
	Time  time.Time
	Value string
}

// Context returns the span's identity for propagation. For a nil span it
// returns the zero SpanContext.
func (s *Span) Context() SpanContext {
	if s == nil {
		return SpanContext{}
	}
	return s.sc
}

// IsRecording reports whether s is sampled and not yet ended.
func (s *Span) IsRecording() bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	ended := s.ended
	s.mu.Unlock()
	return !ended
}

// lock takes the span's mutex for a mutation. It reports false (with the
// mutex released and the late mutation counted) when s is nil or ended.
func (s *Span) lock() bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		s.tracer.countLateMutation()
		return false
	}
	return true
}

// Name returns the span's name ("" for a nil span). Middleware that names
// its span only once the handler has returned (zipkinhttp names it after
// the route) reads it to keep a name the handler set.
func (s *Span) Name() string {
	if s == nil {
		return ""
	}
	s.mu.Lock()
	name := s.name
	s.mu.Unlock()
	return name
}

// SetName renames the span.
func (s *Span) SetName(name string) {
	if s.lock() {
		s.name = name
		s.mu.Unlock()
	}
}

// SetKind sets the span kind (CLIENT, SERVER, PRODUCER, CONSUMER).
func (s *Span) SetKind(k Kind) {
	if s.lock() {
		s.kind = k
		s.mu.Unlock()
	}
}

// SetRemoteEndpoint records the peer of an RPC or message.
func (s *Span) SetRemoteEndpoint(e Endpoint) {
	if s.lock() {
		s.extension().remote = e
		s.mu.Unlock()
	}
}

// SetRemoteService sets the service name of the remote endpoint, keeping
// any address already set.
func (s *Span) SetRemoteService(name string) {
	if s.lock() {
		s.extension().remote.ServiceName = name
		s.mu.Unlock()
	}
}

// SetError records err.Error() as the "error" tag when err is non-nil.
func (s *Span) SetError(err error) {
	if err == nil || s == nil {
		return
	}
	s.Tag("error", err.Error())
}

// The setters below test s for nil themselves, although setTag would too:
// they inline, so on an unsampled (nil) span the test is all that runs.

// Tag sets a tag. Setting a key again replaces its value, as in Zipkin's
// string map.
func (s *Span) Tag(key, value string) {
	if s != nil {
		s.setTag(key, value, 0, tagString)
	}
}

// TagInt sets a tag to a signed integer, formatted in base 10 on the wire.
func (s *Span) TagInt(key string, v int64) {
	if s != nil {
		s.setTag(key, "", uint64(v), tagInt)
	}
}

// TagUint sets a tag to an unsigned integer, formatted in base 10 on the wire.
func (s *Span) TagUint(key string, v uint64) {
	if s != nil {
		s.setTag(key, "", v, tagUint)
	}
}

// TagFloat sets a tag to a float, formatted like fmt's %v on the wire.
func (s *Span) TagFloat(key string, v float64) {
	if s != nil {
		s.setTag(key, "", math.Float64bits(v), tagFloat)
	}
}

// TagBool sets a tag to "true" or "false".
func (s *Span) TagBool(key string, v bool) {
	if s != nil {
		s.setTag(key, "", b2u(v), tagBool)
	}
}

func b2u(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

// TagError sets a tag to err's message, or "<nil>" for a nil error (as fmt
// prints it). Error is called only when s is recording.
func (s *Span) TagError(key string, err error) {
	if !s.IsRecording() {
		s.countIfEnded()
		return
	}
	msg := "<nil>"
	if err != nil {
		msg = safeString(err, "Error", err.Error)
	}
	s.Tag(key, msg)
}

// TagStringer sets a tag to v.String(). String is called only when s is
// recording; a nil v gives "<nil>" and a panicking String is recorded the
// way fmt reports it instead of crashing the traced code.
func (s *Span) TagStringer(key string, v fmt.Stringer) {
	if !s.IsRecording() {
		s.countIfEnded()
		return
	}
	msg := "<nil>"
	if v != nil {
		msg = safeString(v, "String", v.String)
	}
	s.Tag(key, msg)
}

// TagAny sets a tag to fmt.Sprint(v), evaluated only when s is recording.
// It is the generated code's last resort for values of other types.
func (s *Span) TagAny(key string, v any) {
	if !s.IsRecording() {
		s.countIfEnded()
		return
	}
	s.Tag(key, fmt.Sprint(v))
}

// countIfEnded counts a late mutation made through a method that checked
// IsRecording first (so that it could skip formatting).
func (s *Span) countIfEnded() {
	if s != nil {
		s.tracer.countLateMutation()
	}
}

// safeString calls f, a method of recv, turning a panic into fmt's
// "%!v(PANIC=String method: …)" text; when recv is a nil pointer the panic
// prints as "<nil>", as fmt does. Reflection runs only on that panic path.
func safeString(recv any, method string, f func() string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			if v := reflect.ValueOf(recv); v.Kind() == reflect.Pointer && v.IsNil() {
				out = "<nil>"
				return
			}
			out = fmt.Sprintf("%%!v(PANIC=%s method: %v)", method, r)
		}
	}()
	return f()
}

// setTag stores a tag, replacing an existing tag with the same key.
func (s *Span) setTag(key, str string, num uint64, kind tagKind) {
	if s.lock() {
		s.setTagLocked(key, str, num, kind)
		s.mu.Unlock()
	}
}

// setTagLocked is setTag with s.mu held. Tags spill into the extension
// only once both inline slots are taken, so the extension needs searching
// only when both hold other keys. An inline tag is stored field by field,
// from arguments in registers: building a tag value first and copying it
// whole reads back, in wide moves, a temporary just written in narrow
// ones, which the CPU cannot forward and waits out.
func (s *Span) setTagLocked(key, str string, num uint64, kind tagKind) {
	n := int(s.numTags)
	i := 0
	for i < n && s.tags[i].key != key {
		i++
	}
	if i == inlineTags {
		s.extension().setTag(key, str, num, kind)
		return
	}
	p := &s.tags[i]
	p.key, p.str, p.num = key, str, num
	s.tagKinds[i] = kind
	if i == n {
		s.numTags++
	}
}

// setTag replaces the spilled tag key, or appends it.
func (e *spanExt) setTag(key, str string, num uint64, kind tagKind) {
	t := tag{key: key, str: str, num: num, kind: kind}
	for i := range e.tags {
		if e.tags[i].key == key {
			e.tags[i] = t
			return
		}
	}
	e.tags = append(e.tags, t)
}

// Annotate records a timestamped event, now.
func (s *Span) Annotate(value string) {
	if s != nil {
		s.annotateNow(value)
	}
}

func (s *Span) annotateNow(value string) {
	// The span's start plus monotonic time elapsed: it keeps annotations
	// inside the span's interval if the wall clock steps, and reads one
	// clock instead of two.
	s.addAnnotation((s.startWall+monoNow()-s.startMono)/1e3, value)
}

// AnnotateAt records an event that happened at t.
func (s *Span) AnnotateAt(t time.Time, value string) {
	if s == nil {
		return
	}
	s.addAnnotation(t.UnixMicro(), value)
}

func (s *Span) addAnnotation(micros int64, value string) {
	if !s.lock() {
		return
	}
	if int(s.numAnns) < inlineAnnotations {
		p := &s.anns[s.numAnns] // field by field, as in setTagLocked
		p.micros, p.value = micros, value
		s.numAnns++
	} else {
		e := s.extension()
		e.anns = append(e.anns, annotation{micros: micros, value: value})
	}
	s.mu.Unlock()
}

// End finishes the span and hands it to the reporter. It is meant to be
// deferred directly: `defer span.End(&err)`.
//
// If the deferring function is panicking, End records the panic value as
// the "error" tag, ends the span and panics again with the same value; the
// re-panic happens inside the deferred call, so the traceback still shows
// the frames of the original panic. Otherwise, when errp and *errp are
// non-nil, End records (*errp).Error() as the "error" tag.
//
// On a nil span End returns at once without calling recover, so a panic
// passes through untouched. Ending twice is a counted no-op.
func (s *Span) End(errp *error) {
	if s == nil {
		return
	}
	// recover must be called directly by the deferred function to work.
	if r := recover(); r != nil {
		s.finish(panicMessage(r), true)
		panic(r)
	}
	msg, failed := "", false
	if errp != nil && *errp != nil {
		msg, failed = safeString(*errp, "Error", (*errp).Error), true
	}
	s.finish(msg, failed)
}

// panicMessage formats a panic value like fmt's %v, never panicking itself.
func panicMessage(r any) string {
	switch v := r.(type) {
	case string:
		return v
	case error:
		return safeString(v, "Error", v.Error)
	case fmt.Stringer:
		return safeString(v, "String", v.String)
	}
	return fmt.Sprint(r)
}

// finish records the error (if any), stamps the duration and reports.
func (s *Span) finish(errMsg string, failed bool) {
	if !s.lock() {
		return
	}
	if failed {
		s.setTagLocked("error", errMsg, 0, tagString)
	}
	if s.ext != nil && s.ext.slot != nil {
		s.ext.slot.pop(s)
	}
	s.duration = time.Duration(monoNow() - s.startMono) // durationMicros makes it at least 1µs on the wire
	s.ended = true
	s.mu.Unlock()
	s.tracer.report(s)
}
