package zipkin

import "unsafe"

// Sizes of the values a queued span holds, for spanQueueSize. Its entry
// in the queue counts twice: the encoder swaps two slices.
const (
	queueEntrySize      = 2 * int(unsafe.Sizeof(queuedSpan{}))
	spanValueSize       = int(unsafe.Sizeof(Span{}))
	spanExtValueSize    = int(unsafe.Sizeof(spanExt{}))
	tagValueSize        = int(unsafe.Sizeof(tag{}))
	annotationValueSize = int(unsafe.Sizeof(annotation{}))
)

// spanQueueSize estimates the memory a finished span holds while it waits
// in the reporter: its queue entry, the Span value, its extension with the
// tag and annotation slices that outgrew it, and the strings it refers to
// (counted even when shared with other spans, so the estimate errs on the
// safe side). Report charges it against QueueBytes. The span is immutable
// once ended, so no lock.
func spanQueueSize(s *Span) int64 {
	n := queueEntrySize + spanValueSize + len(s.name)
	for i := range s.tags[:s.numTags] {
		n += len(s.tags[i].key) + len(s.tags[i].str)
	}
	for i := range s.anns[:s.numAnns] {
		n += len(s.anns[i].value)
	}
	if e := s.ext; e != nil {
		n += spanExtValueSize + len(e.remote.ServiceName)
		if cap(e.tags) > len(e.tagBuf) {
			n += cap(e.tags) * tagValueSize
		}
		for i := range e.tags {
			n += len(e.tags[i].key) + len(e.tags[i].str)
		}
		if cap(e.anns) > len(e.annBuf) {
			n += cap(e.anns) * annotationValueSize
		}
		for i := range e.anns {
			n += len(e.anns[i].value)
		}
	}
	return int64(n)
}
