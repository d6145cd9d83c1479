package zipkin

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

// SpanHandler sees every finished, sampled span before any reporter does
// (the HTTP reporter, the debug printer, a Recorder): it may rename the span,
// change or delete its tags and annotations, and returns false to drop it.
// A dropped span is counted in Stats.Dropped[DropHandler] and reaches no
// reporter.
//
// It runs synchronously on the goroutine that ends the span (the one
// calling Span.End), after the span has ended and before Report: keep it
// short, it is on the traced code's path. It may run on many goroutines at
// once, one call per span; s is valid only during the call. A handler that
// panics drops the span (counted, and logged to Options.ErrorOutput); the
// traced code never sees the panic.
type SpanHandler func(s *FinishedSpan) (keep bool)

// FinishedSpan is an ended span as a SpanHandler sees it: the same value
// as the *Span, with methods that may still change it, because no
// reporter has it yet. Its methods must not be called after the handler
// returns.
type FinishedSpan Span

// RedactedValue replaces the value of every tag whose key matches one of
// Options.RedactTags (ZIPKIN_REDACT_TAGS).
const RedactedValue = "[redacted]"

// pipeline is what runs between End and the reporter: redaction, then the
// handler. A tracer has none (nil) unless one of them is configured, so
// that the span path costs one nil check without them.
type pipeline struct {
	redact  []string // glob patterns over tag keys, case-insensitive
	baggage bool     // Options.BaggageTags, with an allow-list
	handler SpanHandler
	dropped atomic.Uint64
	log     func(error)
}

// newPipeline returns nil when o configures neither redaction nor a
// handler.
func newPipeline(o *Options, log func(error)) *pipeline {
	patterns := cleanPatterns(o.RedactTags)
	baggage := o.BaggageTags && len(baggageNames(o.Baggage)) > 0
	if len(patterns) == 0 && o.SpanHandler == nil && !baggage {
		return nil
	}
	return &pipeline{redact: patterns, baggage: baggage, handler: o.SpanHandler, log: log}
}

// cleanPatterns trims the patterns and leaves out empty ones.
func cleanPatterns(in []string) []string {
	var out []string
	for _, p := range in {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// validateRedactTags rejects patterns that can only be mistakes: an empty
// one (a stray comma in code), or one with white space or a comma inside,
// which no tag key contains.
func validateRedactTags(patterns []string) error {
	var errs []error
	for _, p := range patterns {
		switch {
		case strings.TrimSpace(p) == "":
			errs = append(errs, errors.New("zipkin: Options.RedactTags: empty pattern"))
		case strings.ContainsAny(strings.TrimSpace(p), " \t\r\n,"):
			errs = append(errs, fmt.Errorf("zipkin: Options.RedactTags: pattern %q contains white space or a comma", p))
		}
	}
	return errors.Join(errs...)
}

// ParseRedactTags splits a ZIPKIN_REDACT_TAGS value, a comma list of glob
// patterns over tag keys ("password,*.token,*secret*"), where '*' matches
// any run of characters and letters match regardless of case. Empty
// entries are ignored.
func ParseRedactTags(list string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if strings.ContainsAny(p, " \t\r\n") {
			return nil, fmt.Errorf("pattern %q contains white space", p)
		}
		out = append(out, p)
	}
	return out, nil
}

// handle runs the pipeline on s and reports whether s goes on to the
// reporter.
func (p *pipeline) handle(s *Span) bool {
	if p.baggage || len(p.redact) > 0 {
		s.mu.Lock()
		if p.baggage {
			tagBaggage(s)
		}
		p.redactLocked(s)
		s.mu.Unlock()
	}
	if p.handler == nil {
		return true
	}
	if !p.run(s) {
		p.dropped.Add(1)
		return false
	}
	return true
}

// run calls the handler, turning its panic into a drop.
func (p *pipeline) run(s *Span) (keep bool) {
	defer func() {
		if r := recover(); r != nil {
			keep = false
			p.log(fmt.Errorf("zipkin: SpanHandler panicked on span %q, dropped: %v", s.name, r))
		}
	}()
	return p.handler((*FinishedSpan)(s))
}

// redacts reports whether key matches a redaction pattern.
func (p *pipeline) redacts(key string) bool {
	for _, pat := range p.redact {
		if matchGlob(pat, key, true) {
			return true
		}
	}
	return false
}

// redactLocked replaces the values of matching tags; s.mu is held.
func (p *pipeline) redactLocked(s *Span) {
	for i := range s.tagCount() {
		if t := s.tagAt(i); p.redacts(t.key) {
			s.setTagAtLocked(i, tag{key: t.key, str: RedactedValue, kind: tagString})
		}
	}
}

// setTagAtLocked overwrites the i-th tag in insertion order.
func (s *Span) setTagAtLocked(i int, t tag) {
	if i < int(s.numTags) {
		s.tags[i] = inlineTag{key: t.key, str: t.str, num: t.num}
		s.tagKinds[i] = t.kind
		return
	}
	s.ext.tags[i-int(s.numTags)] = t
}

// deleteTagAtLocked removes the i-th tag, keeping the order of the others
// and the invariant of setTagLocked: the extension holds tags only when
// both inline slots are taken.
func (s *Span) deleteTagAtLocked(i int) {
	n := int(s.numTags)
	if i >= n {
		j := i - n
		s.ext.tags = append(s.ext.tags[:j], s.ext.tags[j+1:]...)
		return
	}
	for k := i; k < n-1; k++ {
		s.tags[k], s.tagKinds[k] = s.tags[k+1], s.tagKinds[k+1]
	}
	if s.ext != nil && len(s.ext.tags) > 0 {
		t := s.ext.tags[0]
		s.tags[n-1], s.tagKinds[n-1] = inlineTag{key: t.key, str: t.str, num: t.num}, t.kind
		s.ext.tags = append(s.ext.tags[:0], s.ext.tags[1:]...)
		return
	}
	s.tags[n-1], s.tagKinds[n-1] = inlineTag{}, tagString
	s.numTags--
}

// deleteAnnotationAtLocked removes the i-th annotation, keeping the order
// of the others (the inline slot is filled first, as addAnnotation does).
func (s *Span) deleteAnnotationAtLocked(i int) {
	n := int(s.numAnns)
	if i >= n {
		j := i - n
		s.ext.anns = append(s.ext.anns[:j], s.ext.anns[j+1:]...)
		return
	}
	for k := i; k < n-1; k++ {
		s.anns[k] = s.anns[k+1]
	}
	if s.ext != nil && len(s.ext.anns) > 0 {
		s.anns[n-1] = s.ext.anns[0]
		s.ext.anns = append(s.ext.anns[:0], s.ext.anns[1:]...)
		return
	}
	s.anns[n-1] = annotation{}
	s.numAnns--
}

func (f *FinishedSpan) span() *Span { return (*Span)(f) }

// Context returns the span's identity.
func (f *FinishedSpan) Context() SpanContext { return f.sc }

// Name returns the span's name.
func (f *FinishedSpan) Name() string {
	s := f.span()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.name
}

// SetName renames the span.
func (f *FinishedSpan) SetName(name string) {
	s := f.span()
	s.mu.Lock()
	s.name = name
	s.mu.Unlock()
}

// Kind returns the span's kind.
func (f *FinishedSpan) Kind() Kind {
	s := f.span()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kind
}

// Start returns when the span started.
func (f *FinishedSpan) Start() time.Time { return time.Unix(0, f.startWall) }

// Duration returns how long the span took.
func (f *FinishedSpan) Duration() time.Duration {
	s := f.span()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.duration
}

// RemoteEndpoint returns the remote endpoint; the zero Endpoint when none
// was set.
func (f *FinishedSpan) RemoteEndpoint() Endpoint {
	s := f.span()
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.remote()
}

// Tag returns the value of the tag key as the wire carries it (typed tags
// formatted), and whether the span has it.
func (f *FinishedSpan) Tag(key string) (string, bool) {
	s := f.span()
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.tagCount() {
		if t := s.tagAt(i); t.key == key {
			return t.valueString(), true
		}
	}
	return "", false
}

// SetTag sets a tag, replacing the value of an existing one. A key that
// matches Options.RedactTags gets RedactedValue instead: a handler cannot
// put back what redaction removed.
func (f *FinishedSpan) SetTag(key, value string) {
	s := f.span()
	if p := s.tracer.pipeline; p != nil && p.redacts(key) {
		value = RedactedValue
	}
	s.mu.Lock()
	s.setTagLocked(key, value, 0, tagString)
	s.mu.Unlock()
}

// DeleteTag removes the tag key and reports whether there was one.
func (f *FinishedSpan) DeleteTag(key string) bool {
	s := f.span()
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.tagCount() {
		if s.tagAt(i).key == key {
			s.deleteTagAtLocked(i)
			return true
		}
	}
	return false
}

// EditTags calls edit for each tag in order, with its value as the wire
// carries it; the tag takes the value edit returns, or is deleted when
// edit returns false. A new value for a redacted key stays RedactedValue.
func (f *FinishedSpan) EditTags(edit func(key, value string) (newValue string, keep bool)) {
	s := f.span()
	p := s.tracer.pipeline
	for i := 0; ; {
		s.mu.Lock()
		if i >= s.tagCount() {
			s.mu.Unlock()
			return
		}
		t := s.tagAt(i)
		s.mu.Unlock()
		old := t.valueString()
		v, keep := edit(t.key, old) // unlocked: edit may call anything
		s.mu.Lock()
		switch {
		case !keep:
			s.deleteTagAtLocked(i)
		case v != old && !(p != nil && p.redacts(t.key)):
			s.setTagAtLocked(i, tag{key: t.key, str: v, kind: tagString})
			i++
		default:
			i++
		}
		s.mu.Unlock()
	}
}

// EditAnnotations calls edit for each annotation in order; the annotation
// takes the value edit returns, or is deleted when edit returns false.
func (f *FinishedSpan) EditAnnotations(edit func(a Annotation) (newValue string, keep bool)) {
	s := f.span()
	for i := 0; ; {
		s.mu.Lock()
		if i >= s.annotationCount() {
			s.mu.Unlock()
			return
		}
		a := *s.annotationAt(i)
		s.mu.Unlock()
		v, keep := edit(Annotation{Time: time.UnixMicro(a.micros), Value: a.value})
		s.mu.Lock()
		if keep {
			s.annotationAt(i).value = v
			i++
		} else {
			s.deleteAnnotationAtLocked(i)
		}
		s.mu.Unlock()
	}
}
