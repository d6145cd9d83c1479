package bench

import (
	"syscall"
	"testing"
	"time"
)

// processCPU returns the CPU time the process has used so far, user and
// system, over all its threads.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU starts measuring the process's CPU time; the returned function,
// called after the benchmark loop, reports it per operation as cpu-ns/op.
//
// The machine the suite runs on is shared: ns/op (wall time) grows with
// whatever else runs, while CPU time counts only the work done, including
// the garbage collector's and any background goroutines' (a reporter, the
// loopback collector), which are real costs of each library.
func reportCPU(b *testing.B) func() {
	start := processCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
