package zipkin

import "unsafe"

// Sizes of the values a queued span holds, for spanQueueSize. Its entry
// in the queue counts twice: the encoder swaps two slices.
const (
	queueEntrySize      = 2 * int(unsafe.Sizeof(queuedSpan{}))
	spanValueSize       = int(unsafe.Sizeof(Span{}))
	tagValueSize        = int(unsafe.Sizeof(tag{}))
	annotationValueSize = int(unsafe.Sizeof(annotation{}))
)

// spanQueueSize estimates the memory a finished span holds while it waits
// in the reporter: its queue entry, the Span value, its overflow tag and
// annotation slices, and the strings it refers to (counted even when
// shared with other spans, so the estimate errs on the safe side). Report
// charges it against QueueBytes. The span is immutable once ended, so no
// lock.
func spanQueueSize(s *Span) int64 {
	n := queueEntrySize + spanValueSize + len(s.name) + len(s.remote.ServiceName)
	for i := range s.tags[:s.numTags] {
		n += len(s.tags[i].key) + len(s.tags[i].str)
	}
	for i := range s.moreTags {
		n += tagValueSize + len(s.moreTags[i].key) + len(s.moreTags[i].str)
	}
	for i := range s.anns[:s.numAnns] {
		n += len(s.anns[i].value)
	}
	for i := range s.moreAnns {
		n += annotationValueSize + len(s.moreAnns[i].value)
	}
	return int64(n)
}
