package zipkin

import (
	"compress/gzip"
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// batchReporter is the Reporter behind NewBatchReporter and NewHTTPReporter.
//
// Report appends to a slice under a mutex (the only work on the traced
// goroutine). An encoder goroutine swaps that slice out, encodes the spans
// into batches and compresses them; a sender goroutine delivers each batch
// with retries. The two run in parallel over a fixed ring of batch buffers,
// so encoding the next batch overlaps with sending the last one and memory
// stays bounded when the collector is slow.
//
// Every accepted span is completed exactly once, in the order accepted:
// delivered, or dropped for a counted reason. Flush waits until the count
// of completed spans reaches the count accepted before it was called.
type batchReporter struct {
	o           ReporterOptions
	transport   Transport
	compress    bool // gzip bodies before handing them to transport
	contentType string
	logf        func(error)

	// Report's side.
	mu           sync.Mutex
	pending      []queuedSpan
	pendingBytes int64
	accepted     uint64      // spans ever accepted into the queue
	closed       atomic.Bool // set under mu, read without it by Report's fast path

	// Gauges of what is held (pending, encoded or in flight); changed by
	// Report under mu, and lowered when a batch completes.
	queuedSpans atomic.Int64
	queuedBytes atomic.Int64
	peakBytes   atomic.Int64 // high-water mark of queuedBytes, for tests

	// Completion side.
	doneMu    sync.Mutex
	done      uint64        // spans completed (delivered or dropped)
	progress  chan struct{} // closed and replaced whenever done moves
	abandoned bool          // Close gave up: everything left was counted

	reported  atomic.Uint64
	dropped   [numDropReasons]atomic.Uint64
	bytesSent atomic.Uint64
	requests  atomic.Uint64
	lastErr   atomic.Pointer[errorRecord]

	wake      chan struct{} // a batch's worth is pending
	flushKick chan struct{} // Flush wants partial batches sent now
	stop      chan struct{} // Close: send what is left and exit
	stopOnce  sync.Once
	runCtx    context.Context // cancelled when Close gives up
	cancel    context.CancelFunc
	sending   sync.RWMutex  // read-held while a Send starts; Close cancels under it, so no Send starts after
	exited    chan struct{} // closed when the sender goroutine returns

	// Owned by the sender goroutine: no attempt starts before this time,
	// set from the collector's Retry-After.
	notBefore time.Time

	// Owned by the encoder goroutine.
	spare            []queuedSpan
	cur              *batch
	scratch          []byte       // one span's encoding
	otlp             otlpChunk    // OTLP spans not yet written to cur
	queueDropsLogged uint64       // DropQueueFull count already logged
	tick             *time.Ticker // every FlushInterval
	zw               *gzip.Writer // created on first use
	free             chan *batch  // empty batch buffers
	sendq            chan *batch  // encoded batches for the sender
}

// queuedSpan is an accepted span and what it was charged against QueueBytes.
type queuedSpan struct {
	span *Span
	size int64
}

type errorRecord struct {
	msg string
	at  time.Time
}

// batchBuffers is the number of batch buffers in the ring: one being
// encoded, one waiting, one being sent. More would not speed anything up,
// only hold more memory while the collector is slow.
const batchBuffers = 3

// NewBatchReporter returns a Reporter that batches spans in the background
// and hands each encoded batch to t, retrying failures that t reports as
// retryable (see SendError). The batches t receives are not compressed.
// The reporter runs two goroutines until Close.
func NewBatchReporter(t Transport, o ReporterOptions) (Reporter, error) {
	if t == nil {
		return nil, errors.New("zipkin: NewBatchReporter: nil Transport")
	}
	r, err := newBatchReporter(t, o, false)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func newBatchReporter(t Transport, o ReporterOptions, compress bool) (*batchReporter, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	r := &batchReporter{
		o:           o,
		transport:   t,
		compress:    compress,
		contentType: o.Encoding.ContentType(),
		logf:        o.ErrorLog,
		progress:    make(chan struct{}),
		wake:        make(chan struct{}, 1),
		flushKick:   make(chan struct{}, 1),
		stop:        make(chan struct{}),
		exited:      make(chan struct{}),
		free:        make(chan *batch, batchBuffers),
		sendq:       make(chan *batch, batchBuffers),
		// Room for a couple of batches, so that Report rarely grows the
		// slice while holding the mutex.
		pending: make([]queuedSpan, 0, 2*o.BatchSpans),
		spare:   make([]queuedSpan, 0, 2*o.BatchSpans),
	}
	if r.logf == nil {
		r.logf = newRateLimitedLog(os.Stderr, 10*time.Second).Log
	}
	r.runCtx, r.cancel = context.WithCancel(context.Background())
	for range batchBuffers {
		r.free <- &batch{}
	}
	go r.encodeLoop()
	go r.sendLoop()
	return r, nil
}

// Report queues s for delivery. It never blocks: when the queue is full
// (by count or by estimated bytes) or the reporter is closed, s is dropped
// and counted.
func (r *batchReporter) Report(s *Span) {
	if s == nil {
		return
	}
	size := spanQueueSize(s)
	// A full queue is when the traced code reports fastest: drop without
	// queueing up on the mutex, then check again under it.
	if r.rejects(size) {
		recycleReported(r, s)
		return
	}
	r.mu.Lock()
	if r.rejects(size) {
		r.mu.Unlock()
		recycleReported(r, s)
		return
	}
	r.queuedSpans.Add(1)
	if held := r.queuedBytes.Add(size); held > r.peakBytes.Load() {
		r.peakBytes.Store(held)
	}
	r.accepted++
	r.pending = append(r.pending, queuedSpan{s, size})
	r.pendingBytes += size
	full := len(r.pending) >= r.o.BatchSpans || r.pendingBytes >= int64(r.o.BatchBytes)
	r.mu.Unlock()
	if full {
		signal(r.wake)
	}
}

// rejects counts a span as dropped, and reports true, if the reporter is closed
// or has no room for size more bytes.
func (r *batchReporter) rejects(size int64) bool {
	switch {
	case r.closed.Load():
		r.dropped[DropShutdown].Add(1)
	case r.queuedSpans.Load() >= int64(r.o.QueueSpans) || r.queuedBytes.Load()+size > int64(r.o.QueueBytes):
		r.dropped[DropQueueFull].Add(1)
	default:
		return false
	}
	return true
}

// signal makes a non-blocking send on a channel of capacity 1: one
// outstanding signal is as good as many.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Flush returns once every span reported before the call has been
// delivered or dropped (and counted), or with ctx's error. Partial batches
// are sent at once rather than at the next FlushInterval.
func (r *batchReporter) Flush(ctx context.Context) error {
	r.mu.Lock()
	target := r.accepted
	r.mu.Unlock()
	kicked := false
	for {
		r.doneMu.Lock()
		done, progress := r.done, r.progress
		r.doneMu.Unlock()
		if done >= target {
			return nil
		}
		if !kicked {
			signal(r.flushKick)
			kicked = true
		}
		select {
		case <-progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close flushes and stops the reporter's goroutines. If ctx ends first,
// the request in flight is cancelled, every span still held is counted as
// DropShutdown, and Close returns ctx's error without waiting further.
// Spans reported after Close are counted as DropShutdown.
func (r *batchReporter) Close(ctx context.Context) error {
	r.mu.Lock()
	r.closed.Store(true)
	r.mu.Unlock()
	err := r.Flush(ctx)
	if err == nil {
		r.stopOnce.Do(func() { close(r.stop) })
		select {
		case <-r.exited:
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	if err != nil {
		r.abandon()
	}
	// No Send starts once Close returns: one that is starting finishes
	// starting, sees the cancelled context, and returns at once (the
	// transport's context is cancelled too).
	r.sending.Lock()
	r.cancel()
	r.sending.Unlock()
	if c, ok := r.transport.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
	return err
}

// abandon counts every accepted span not yet completed as DropShutdown,
// once. The goroutines may still hold some of them; their completions are
// ignored from now on, so nothing is counted twice.
func (r *batchReporter) abandon() {
	r.mu.Lock()
	accepted := r.accepted // final: closed is set
	r.mu.Unlock()
	r.doneMu.Lock()
	defer r.doneMu.Unlock()
	if r.abandoned {
		return
	}
	r.abandoned = true
	r.dropped[DropShutdown].Add(accepted - r.done)
	r.done = accepted
	r.queuedSpans.Store(0)
	r.queuedBytes.Store(0)
	close(r.progress)
	r.progress = make(chan struct{})
}

// complete records the outcome of batch b: its encoded spans were
// delivered, or dropped for reason; spans that could not be encoded are
// counted as DropEncoding.
func (r *batchReporter) complete(b *batch, delivered bool, reason DropReason) {
	n := b.spans + b.unencodable
	r.doneMu.Lock()
	defer r.doneMu.Unlock()
	if r.abandoned {
		return
	}
	r.dropped[DropEncoding].Add(uint64(b.unencodable))
	if delivered {
		r.reported.Add(uint64(b.spans - b.rejected))
		r.dropped[DropRejected].Add(uint64(b.rejected))
	} else {
		r.dropped[reason].Add(uint64(b.spans))
	}
	r.queuedSpans.Add(-int64(n))
	r.queuedBytes.Add(-b.charged)
	r.done += uint64(n)
	close(r.progress)
	r.progress = make(chan struct{})
}

// noteError records err as the last delivery error and logs it.
func (r *batchReporter) noteError(err error) {
	r.lastErr.Store(&errorRecord{msg: err.Error(), at: time.Now()})
	r.logf(err)
}

// ReporterStats returns the reporter's counters.
func (r *batchReporter) ReporterStats() ReporterStats {
	s := ReporterStats{
		Reported:    r.reported.Load(),
		BytesSent:   r.bytesSent.Load(),
		Requests:    r.requests.Load(),
		QueuedSpans: uint64(max(0, r.queuedSpans.Load())),
		QueuedBytes: uint64(max(0, r.queuedBytes.Load())),
	}
	for i := range s.Dropped {
		s.Dropped[i] = r.dropped[i].Load()
	}
	if e := r.lastErr.Load(); e != nil {
		s.LastError, s.LastErrorTime = e.msg, e.at
	}
	return s
}
