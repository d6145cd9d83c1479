// Package zipkinexpvar publishes the default tracer's counters through
// expvar as "zipkin" when imported:
//
//	import _ "github.com/zipkingen/zipkingen/runtime/zipkinexpvar"
//
// It is a separate package because importing expvar mounts /debug/vars on
// http.DefaultServeMux, which the runtime must not do behind a program's back.
package zipkinexpvar

import (
	"expvar"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func init() {
	if expvar.Get("zipkin") == nil {
		expvar.Publish("zipkin", expvar.Func(func() any { return Map(zipkin.Default().Stats()) }))
	}
}

// Map renders st as the JSON object published under "zipkin": started,
// sampled, reported, dropped (by reason name), bytes_sent, requests,
// late_mutations, queued_spans, queued_bytes, last_error and, once there was one, last_error_time.
func Map(st zipkin.Stats) map[string]any {
	dropped := make(map[string]uint64, len(st.Dropped))
	for r, n := range st.Dropped {
		dropped[zipkin.DropReason(r).String()] = n
	}
	m := map[string]any{
		"started":        st.Started,
		"sampled":        st.Sampled,
		"reported":       st.Reported,
		"dropped":        dropped,
		"bytes_sent":     st.BytesSent,
		"requests":       st.Requests,
		"late_mutations": st.LateMutations,
		"queued_spans":   st.QueuedSpans,
		"queued_bytes":   st.QueuedBytes,
		"last_error":     st.LastError,
	}
	if !st.LastErrorTime.IsZero() {
		m["last_error_time"] = st.LastErrorTime.UTC().Format(time.RFC3339)
	}
	return m
}
