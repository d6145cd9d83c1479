package bench

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// floorSpan has the size class (256 bytes) and about the pointer density of
// a sampled zipkingen Span: a parent context, a name, two tags, one
// annotation, IDs, times and a mutex.
type floorSpan struct {
	parent context.Context
	name   string
	tags   [2][2]string
	ann    string
	mu     sync.Mutex
	ids    [4]uint64
	times  [3]int64
	_      [10]uint64 // the rest of a Span: 256 bytes in all
}

var (
	floorBase = time.Now()
	floorSink *floorSpan
)

// floorChild does only what the child-span workload cannot do without, on
// a tracer whose spans are safe to use from several goroutines and whose
// *Span handles stay valid after End: allocate one span-sized object, draw
// a random span ID, read the monotonic clock three times (start, the
// annotation, end), and store the name, the two tags and the annotation,
// taking a lock for each of the four mutations (two tags, the annotation,
// End). No tracing logic at all: the time of this is the least any
// implementation of the workload can cost on the machine.
func floorChild(ctx context.Context) {
	s := new(floorSpan)
	s.parent = ctx
	s.name = childName
	s.ids[1] = rand.Uint64()
	s.times[0] = int64(time.Since(floorBase))
	s.mu.Lock()
	s.tags[0] = [2]string{tag1Key, tag1Value}
	s.mu.Unlock()
	s.mu.Lock()
	s.tags[1] = [2]string{tag2Key, tag2Value}
	s.mu.Unlock()
	s.mu.Lock()
	s.times[1] = int64(time.Since(floorBase))
	s.ann = annotation
	s.mu.Unlock()
	s.mu.Lock()
	s.times[2] = int64(time.Since(floorBase))
	s.mu.Unlock()
	floorSink = s
}

func benchFloorChild(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		floorChild(ctx)
	}
}

func TestFloorSpanSize(t *testing.T) {
	if n := unsafe.Sizeof(floorSpan{}); n != 256 {
		t.Fatalf("floorSpan is %d bytes, want 256 (a sampled Span's size class)", n)
	}
}

// BenchmarkFloorParts measures the floor's primitives one by one, to see
// what each costs on the machine at hand:
//
//	cd bench && go test -run '^$' -bench FloorParts -count 6 .
func BenchmarkFloorParts(b *testing.B) {
	b.Run("clock", func(b *testing.B) {
		var sum int64
		for b.Loop() {
			sum += int64(time.Since(floorBase))
		}
		floorSinkInt = sum
	})
	b.Run("lock", func(b *testing.B) {
		var s floorSpan
		for b.Loop() {
			s.mu.Lock()
			s.times[0]++
			s.mu.Unlock()
		}
	})
	b.Run("alloc", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			floorSink = new(floorSpan)
		}
	})
	b.Run("rand", func(b *testing.B) {
		var sum uint64
		for b.Loop() {
			sum += rand.Uint64()
		}
		floorSinkInt = int64(sum)
	})
}

var floorSinkInt int64
