package grpcbench

import (
	"syscall"
	"testing"
	"time"
)

// processCPU and reportCPU are bench/cpu_test.go's: the process's CPU time
// per operation (cpu-ns/op), which counts the work done by every goroutine
// (gRPC's transport, the garbage collector) and not the shared machine's
// load.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B) func() {
	start := processCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
