//go:build race

package zipkingrpc

// raceEnabled: the race detector allocates, and makes sync.Pool drop
// buffers at random, so allocation budgets do not hold.
const raceEnabled = true
