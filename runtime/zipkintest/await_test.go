package zipkintest

import (
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestAwait ends a span on another goroutine after a delay: Named alone
// would look too early, Await finds it.
func TestAwait(t *testing.T) {
	rec := Record(t)
	ctx, p := Parent(t)
	started := make(chan struct{})
	go func() {
		_, span := zipkin.Start(ctx, "late")
		close(started)
		time.Sleep(20 * time.Millisecond)
		span.End(nil)
	}()
	<-started
	ChildOf(t, Await(t, rec, "late"), p)
}
