package zipkin

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"time"
)

// batch is one request's worth of encoded spans. Batches circulate between
// the encoder and the sender and are reused, buffers included, so that the
// steady state allocates nothing per span. When the reporter compresses,
// spans are compressed as they are encoded and the uncompressed batch is
// never held in memory.
type batch struct {
	raw         []byte       // the uncompressed body, when not compressing
	gz          bytes.Buffer // the compressed body, when compressing
	body        []byte       // what is sent: raw or gz's bytes
	encoded     int          // bytes encoded so far, before compression
	spans       int          // spans encoded
	unencodable int          // spans too large to encode, completed with this batch
	rejected    int          // of spans, those the collector rejected in an OTLP partial success
	charged     int64        // QueueBytes charged for all of them
}

// encodeLoop is the encoder goroutine. It wakes when a batch's worth is
// pending, at every FlushInterval, on Flush and on Close.
func (r *batchReporter) encodeLoop() {
	defer close(r.sendq)
	r.tick = time.NewTicker(r.o.FlushInterval)
	defer r.tick.Stop()
	for {
		flush, last := false, false
		select {
		case <-r.wake:
		case <-r.tick.C:
			flush = true
			r.logQueueDrops()
		case <-r.flushKick:
			flush = true
		case <-r.stop:
			flush, last = true, true
		case <-r.runCtx.Done():
			return
		}
		if !r.encodePending() {
			return
		}
		if flush && r.cur != nil {
			r.ship()
		}
		if last {
			return
		}
	}
}

// logQueueDrops says, once per FlushInterval at most, that Report dropped
// spans on a full queue. Report itself only counts them: it runs on the
// traced goroutine, and the log takes a lock.
func (r *batchReporter) logQueueDrops() {
	n := r.dropped[DropQueueFull].Load()
	if n > r.queueDropsLogged {
		r.logf(fmt.Errorf("dropped %d spans: the queue was full (QueueSpans %d, QueueBytes %d)",
			n-r.queueDropsLogged, r.o.QueueSpans, r.o.QueueBytes))
		r.queueDropsLogged = n
	}
}

// encodePending takes every pending span and encodes it, shipping batches
// as they fill. It reports false when the reporter was abandoned while it
// waited for a free batch buffer.
func (r *batchReporter) encodePending() bool {
	r.mu.Lock()
	spans := r.pending
	r.pending = r.spare[:0]
	r.pendingBytes = 0
	r.mu.Unlock()
	for i := range spans {
		if !r.encode(spans[i]) {
			return false
		}
		// Encoded (or dropped as too large): the bytes are all the batch
		// needs from here on.
		recycleReported(r, spans[i].span)
		spans[i] = queuedSpan{} // let the span be collected once sent
	}
	if cap(spans) > 4*r.o.BatchSpans {
		// A backlog (a collector outage) grew the slice towards QueueSpans:
		// give that memory back rather than keep it for the next one.
		spans = make([]queuedSpan, 0, 2*r.o.BatchSpans)
	}
	r.spare = spans[:0]
	return true
}

// encode adds q to the current batch, starting a new one when it would
// overflow BatchBytes. A span too large for an empty batch is counted as
// DropEncoding when the batch completes.
func (r *batchReporter) encode(q queuedSpan) bool {
	if r.cur == nil && !r.nextBatch() {
		return false
	}
	b := r.cur
	if r.o.Encoding == OTLP {
		r.otlpBegin(b, q.span)
	}
	r.scratch = r.appendSpan(r.scratch[:0], q.span, b.spans == 0)
	if b.encoded+len(r.scratch)+r.unwritten() > r.o.BatchBytes {
		if b.spans > 0 {
			r.ship()
			return r.encode(q) // once: the new batch is empty
		}
		b.unencodable++
		b.charged += q.size
		r.noteError(fmt.Errorf("dropped a span of %d encoded bytes: larger than BatchBytes (%d)", len(r.scratch), r.o.BatchBytes))
		r.scratch = nil // do not keep a buffer grown by a monster span
		return true
	}
	r.add(b, r.scratch)
	b.spans++
	b.charged += q.size
	if b.spans >= r.o.BatchSpans {
		r.ship()
	}
	return true
}

// write adds encoded bytes to b, through the compressor if there is one.
func (r *batchReporter) write(b *batch, p []byte) {
	b.encoded += len(p)
	if r.compress {
		_, _ = r.zw.Write(p) // writes to a bytes.Buffer cannot fail
		return
	}
	b.raw = append(b.raw, p...)
}

// appendSpan appends one span in the reporter's encoding; a JSON batch
// is an array, a proto3 batch a concatenation of ListOfSpans elements, an
// OTLP batch ResourceSpans of Span elements (batch_otlp.go).
func (r *batchReporter) appendSpan(dst []byte, s *Span, first bool) []byte {
	switch r.o.Encoding {
	case Proto3:
		return AppendProto(dst, s)
	case OTLP:
		return AppendOTLP(dst, s)
	}
	if first {
		dst = append(dst, '[')
	} else {
		dst = append(dst, ',')
	}
	return AppendJSON(dst, s)
}

func (r *batchReporter) trailer() string {
	if r.o.Encoding != JSON {
		return ""
	}
	return "]"
}

// nextBatch takes a free batch buffer, waiting while all of them are with
// the sender: that wait is the back-pressure that fills the queue when the
// collector is slow.
func (r *batchReporter) nextBatch() bool {
	for {
		select {
		case b := <-r.free:
			b.raw, b.body = b.raw[:0], nil
			b.encoded, b.spans, b.unencodable, b.charged, b.rejected = 0, 0, 0, 0, 0
			r.cur = b
			if r.compress {
				r.startGzip(b)
			}
			return true
		case <-r.tick.C:
			r.logQueueDrops() // this wait is when they happen
		case <-r.runCtx.Done():
			return false
		}
	}
}

// startGzip points the compressor at b. One compressor serves every batch
// (the encoder fills one batch at a time): at about 800 kB of tables, one
// per batch buffer would cost more memory than the batches. BestSpeed: the
// encoder must keep up with hundreds of thousands of spans a second, and
// batches of spans are repetitive enough to shrink several times anyway.
func (r *batchReporter) startGzip(b *batch) {
	b.gz.Reset()
	if r.zw == nil {
		r.zw, _ = gzip.NewWriterLevel(&b.gz, gzip.BestSpeed) // a valid level: no error
	} else {
		r.zw.Reset(&b.gz)
	}
}

// ship closes the current batch and hands it to the sender. It never
// blocks: there are as many slots in sendq as batch buffers.
func (r *batchReporter) ship() {
	b := r.cur
	r.cur = nil
	if b.spans > 0 {
		r.otlpFlush(b)
		r.write(b, []byte(r.trailer()))
		b.body = b.raw
		if r.compress {
			_ = r.zw.Close() // writes to a bytes.Buffer cannot fail
			b.body = b.gz.Bytes()
		}
	}
	r.sendq <- b
}
