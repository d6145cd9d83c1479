package zipkin

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// sendLoop is the sender goroutine: it delivers batches in the order they
// were encoded and returns each buffer to the encoder.
func (r *batchReporter) sendLoop() {
	defer close(r.exited)
	for b := range r.sendq {
		if r.runCtx.Err() != nil {
			// Close gave up and counted what is left: the batches still
			// queued are not sent once it has returned.
			r.complete(b, false, DropShutdown)
		} else if b.spans == 0 {
			r.complete(b, false, DropEncoding)
		} else {
			delivered, reason := r.deliver(b)
			r.complete(b, delivered, reason)
		}
		r.free <- b
	}
}

// deliver sends b until it is accepted, rejected for good, out of retries,
// or the reporter is abandoned by Close.
func (r *batchReporter) deliver(b *batch) (bool, DropReason) {
	first := time.Now()
	for attempt := 0; ; attempt++ {
		err := r.attempt(b)
		if err == nil {
			return true, 0
		}
		if n, ok := r.partialSuccess(b, err); ok {
			b.rejected = n // delivered, but for these
			return true, 0
		}
		if r.runCtx.Err() != nil {
			return false, DropShutdown
		}
		var se *SendError
		if errors.As(err, &se) && se.Permanent {
			r.noteError(fmt.Errorf("dropped %d spans: %w", b.spans, err))
			return false, DropRejected
		}
		ra := retryAfterOf(err)
		wait := backoffDelay(attempt, r.o.BackoffBase, r.o.BackoffMax, ra)
		if ra > 0 {
			// The collector asked all of us to pause, not only this batch.
			r.notBefore = time.Now().Add(min(ra, r.o.BackoffMax))
		}
		if attempt >= r.o.MaxRetries || time.Since(first)+wait > r.o.MaxRetryElapsed {
			r.noteError(fmt.Errorf("dropped %d spans after %d attempts: %w", b.spans, attempt+1, err))
			return false, DropRetriesExhausted
		}
		r.noteError(fmt.Errorf("sending %d spans (retry in %v): %w", b.spans, wait.Round(time.Millisecond), err))
		if !sleepCtx(r.runCtx, wait) {
			return false, DropShutdown
		}
	}
}

// attempt makes one Send call, bounded by Timeout and cancelled when Close
// gives up. It first waits out a Retry-After that an earlier batch got.
func (r *batchReporter) attempt(b *batch) error {
	if wait := time.Until(r.notBefore); wait > 0 && !sleepCtx(r.runCtx, wait) {
		return r.runCtx.Err()
	}
	r.sending.RLock()
	if err := r.runCtx.Err(); err != nil {
		r.sending.RUnlock()
		return err // Close gave up: nothing is sent after it returned
	}
	ctx, cancel := context.WithTimeout(r.runCtx, r.o.Timeout)
	defer cancel()
	r.sending.RUnlock()
	err := r.send(ctx, b.body)
	if reached(err) {
		r.requests.Add(1)
		r.bytesSent.Add(uint64(len(b.body)))
	}
	return err
}

// reached reports whether a Send got to the destination: it accepted the
// batch, or answered with a status. A failed dial, a reset connection or
// a timeout sent nothing anyone received, and is not counted in Requests
// and BytesSent.
func reached(err error) bool {
	var se *SendError
	return err == nil || errors.As(err, &se) && se.StatusCode != 0
}

// send calls the transport, turning a panic in a custom Transport into a
// permanent error: tracing must not crash the traced program, and the
// same batch would most likely panic again.
func (r *batchReporter) send(ctx context.Context, body []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &SendError{Permanent: true, Err: fmt.Errorf("transport panicked: %v", p)}
		}
	}()
	return r.transport.Send(ctx, body, r.contentType)
}

// backoffDelay is the wait before retry number attempt+1: base doubled per
// attempt, capped at limit, with "equal jitter" (a random point in the
// upper half) so that it never collapses to zero. A longer Retry-After
// from the collector wins, up to limit.
func backoffDelay(attempt int, base, limit, retryAfter time.Duration) time.Duration {
	d := limit
	if attempt < 62 && base <= limit>>attempt {
		d = base << attempt
	}
	if half := d / 2; half > 0 {
		d = half + rand.N(half+1)
	}
	if retryAfter > d {
		d = min(retryAfter, limit)
	}
	return d
}

// retryAfterOf returns the delay a SendError in err's chain asked for.
func retryAfterOf(err error) time.Duration {
	var se *SendError
	if errors.As(err, &se) {
		return se.RetryAfter
	}
	return 0
}

// sleepCtx waits for d, or reports false when ctx ends first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
