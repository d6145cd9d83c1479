package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// statsPrefix starts the line a service prints on exit with its counters.
const statsPrefix = "zipkin-stats "

// serviceStats are one process's tracer counters after its final flush.
type serviceStats struct {
	Service   string `json:"service"`
	Sampled   uint64 `json:"sampled"`
	Reported  uint64 `json:"reported"`
	Dropped   uint64 `json:"dropped"`
	LastError string `json:"last_error,omitempty"`
}

// shutdownTracer flushes and stops the default tracer, so that every span
// is delivered before the counters are read.
func shutdownTracer(service string, stderr io.Writer) serviceStats {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := zipkin.Shutdown(ctx); err != nil {
		fmt.Fprintf(stderr, "%s: flushing spans: %v\n", service, err)
	}
	st := zipkin.Default().Stats()
	return serviceStats{Service: service, Sampled: st.Sampled, Reported: st.Reported, Dropped: st.TotalDropped(), LastError: st.LastError}
}

func (s serviceStats) line() string {
	b, _ := json.Marshal(s)
	return statsPrefix + string(b)
}

func parseStatsLine(line string) (serviceStats, bool) {
	rest, ok := strings.CutPrefix(line, statsPrefix)
	if !ok {
		return serviceStats{}, false
	}
	var s serviceStats
	return s, json.Unmarshal([]byte(rest), &s) == nil
}
