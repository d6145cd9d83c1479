package zipkin

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"time"
)

// batch is one request's worth of encoded spans. Batches circulate between
// the encoder and the sender and are reused, buffers included, so that the
// steady state allocates nothing per span.
type batch struct {
	raw         []byte // the encoded spans: a JSON array, or ListOfSpans
	body        []byte // what is sent: raw, or its gzip in gz
	gz          bytes.Buffer
	spans       int   // spans encoded in raw
	unencodable int   // spans too large to encode, completed with this batch
	charged     int64 // QueueBytes charged for all of them
}

// encodeLoop is the encoder goroutine. It wakes when a batch's worth is
// pending, at every FlushInterval, on Flush and on Close.
func (r *batchReporter) encodeLoop() {
	defer close(r.sendq)
	tick := time.NewTicker(r.o.FlushInterval)
	defer tick.Stop()
	for {
		flush, last := false, false
		select {
		case <-r.wake:
		case <-tick.C:
			flush = true
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
		spans[i] = queuedSpan{} // let the span be collected once sent
	}
	r.spare = spans[:0]
	return true
}

// encode appends q to the current batch, starting a new one when it would
// overflow BatchBytes. A span too large for an empty batch is counted as
// DropEncoding when the batch completes.
func (r *batchReporter) encode(q queuedSpan) bool {
	if r.cur == nil && !r.nextBatch() {
		return false
	}
	b := r.cur
	mark := len(b.raw)
	b.raw = r.appendSpan(b.raw, q.span, b.spans == 0)
	if len(b.raw)+len(r.trailer()) > r.o.BatchBytes {
		size := len(b.raw) - mark
		b.raw = b.raw[:mark]
		if b.spans > 0 {
			r.ship()
			return r.encode(q) // once: the new batch is empty
		}
		b.unencodable++
		b.charged += q.size
		r.noteError(fmt.Errorf("dropped a span of %d encoded bytes: larger than BatchBytes (%d)", size, r.o.BatchBytes))
		return true
	}
	b.spans++
	b.charged += q.size
	if b.spans >= r.o.BatchSpans {
		r.ship()
	}
	return true
}

// appendSpan appends one span in the reporter's encoding; a JSON batch
// is an array, a proto3 batch a concatenation of ListOfSpans elements.
func (r *batchReporter) appendSpan(dst []byte, s *Span, first bool) []byte {
	if r.o.Encoding == Proto3 {
		return AppendProto(dst, s)
	}
	if first {
		dst = append(dst, '[')
	} else {
		dst = append(dst, ',')
	}
	return AppendJSON(dst, s)
}

func (r *batchReporter) trailer() string {
	if r.o.Encoding == Proto3 {
		return ""
	}
	return "]"
}

// nextBatch takes a free batch buffer, waiting while all of them are with
// the sender: that wait is the back-pressure that fills the queue when the
// collector is slow.
func (r *batchReporter) nextBatch() bool {
	select {
	case b := <-r.free:
		b.reset(r.o.BatchBytes)
		r.cur = b
		return true
	case <-r.runCtx.Done():
		return false
	}
}

// reset empties b for reuse, giving back a buffer that an unusually large
// span grew far beyond the usual batch size.
func (b *batch) reset(batchBytes int) {
	if cap(b.raw) > 2*batchBytes {
		b.raw = nil
	}
	b.raw = b.raw[:0]
	b.body = nil
	b.spans, b.unencodable, b.charged = 0, 0, 0
}

// ship closes the current batch, compresses it if asked to, and hands it
// to the sender. It never blocks: there are as many slots in sendq as
// batch buffers.
func (r *batchReporter) ship() {
	b := r.cur
	r.cur = nil
	if b.spans > 0 {
		b.raw = append(b.raw, r.trailer()...)
		b.body = b.raw
		if r.compress {
			b.body = r.gzip(b)
		}
	}
	r.sendq <- b
}

// gzip compresses b.raw into b.gz. One compressor serves every batch (only
// the encoder goroutine uses it): at about 800 kB of tables, one per batch
// buffer would cost more memory than the batches. BestSpeed: the encoder
// must keep up with hundreds of thousands of spans a second, and batches
// of spans are repetitive enough to shrink several times anyway.
func (r *batchReporter) gzip(b *batch) []byte {
	b.gz.Reset()
	if r.zw == nil {
		r.zw, _ = gzip.NewWriterLevel(&b.gz, gzip.BestSpeed) // a valid level: no error
	} else {
		r.zw.Reset(&b.gz)
	}
	// Writes to a bytes.Buffer cannot fail.
	_, _ = r.zw.Write(b.raw)
	_ = r.zw.Close()
	return b.gz.Bytes()
}
