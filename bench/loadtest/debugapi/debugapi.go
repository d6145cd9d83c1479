// Package debugapi is what the load-test service's debug listener answers
// (bench/loadtest/service/debug.go) and the runner reads
// (bench/loadtest/run): one definition for both ends of the wire.
package debugapi

import (
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// Sample is what /debug/sample returns.
type Sample struct {
	At time.Time `json:"at"`
	// Served counts the requests the service has answered.
	Served int64 `json:"served"`
	// HeapInuse is runtime.MemStats.HeapInuse: the bytes of in-use heap
	// spans (live objects, dead ones not yet swept, and the free slots of
	// those spans). The load test reports it as "heap in use".
	HeapInuse uint64 `json:"heap_inuse"`
	// HeapObjects is /memory/classes/heap/objects:bytes: live objects plus
	// dead ones not yet swept (HeapInuse without the free slots). It swings
	// with the GC cycle.
	HeapObjects uint64 `json:"heap_objects"`
	// HeapLive is /gc/heap/live:bytes: what the last GC marked live, the
	// steadiest measure of the memory the process holds on to.
	HeapLive uint64 `json:"heap_live"`
	// Tracer is zipkin.Default().Stats(), for the zipkingen variant.
	Tracer *zipkin.Stats `json:"tracer,omitempty"`
}
