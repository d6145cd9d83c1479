package main

import "fmt"

// targetKind says how a target compares ours with its bound.
type targetKind int

const (
	ratioAtMost targetKind = iota // ours/peer <= bound
	atMost                        // ours <= bound
	atLeast                       // ours >= bound
)

// target is one speed goal of the project's issues, checked against the
// medians of a run.
type target struct {
	group string
	unit  string
	kind  targetKind
	peer  string // for ratioAtMost
	bound float64
	issue string // the goal as the issue words it
}

// timeUnit is the time the targets compare: CPU time per operation, which
// the suite reports beside wall time because the machine is shared and wall
// time grows with everything else that runs on it.
const timeUnit = "cpu-ns/op"

// targets are issue 2's goals for the runtime (issue 6 states none in
// numbers for the generated code: its table is the answer) and issue 16's
// for OTLP export.
var targets = []target{
	{"ChildSampled", timeUnit, ratioAtMost, zipkinGo, 0.25, "sampled child ≤ 1/4 of zipkin-go's time"},
	{"ChildSampled", "allocs/op", atMost, "", 3, "sampled child ≤ 3 allocs/op"},
	{"ChildUnsampled", timeUnit, ratioAtMost, zipkinGo, 0.05, "unsampled child ≤ 1/20 of zipkin-go's time"},
	{"ChildUnsampled", "allocs/op", atMost, "", 0, "unsampled child 0 allocs/op"},
	{"ChildDisabled", timeUnit, ratioAtMost, zipkinGo, 0.05, "disabled tracer ≤ 1/20 of zipkin-go's time"},
	{"ChildDisabled", "allocs/op", atMost, "", 0, "disabled tracer 0 allocs/op"},
	{"EncodeJSON", timeUnit, ratioAtMost, zipkinGo, 0.2, "JSON encoding ≥ 5× faster than zipkin-go"},
	{"EncodeJSON", "allocs/op", atMost, "", 0, "JSON encoding 0 allocs/op"},
	{"ReporterThroughput", "spans/s", atLeast, "", 200000, "HTTP reporter ≥ 200,000 spans/s (end to end, one producer)"},
	{"ReporterDrain", "spans/s", atLeast, "", 200000, "HTTP reporter ≥ 200,000 spans/s (drain, nothing dropped)"},
	{"ExtractB3Multi", timeUnit, ratioAtMost, zipkinGo, 0.2, "B3 multi extract ≥ 5× faster than zipkin-go"},
	{"ExtractB3Multi", "allocs/op", atMost, "", 0, "B3 multi extract 0 allocs/op"},
	{"ExtractB3Single", timeUnit, ratioAtMost, zipkinGo, 0.2, "B3 single extract ≥ 5× faster than zipkin-go"},
	{"ExtractB3Single", "allocs/op", atMost, "", 0, "B3 single extract 0 allocs/op"},
	{"ExtractTraceparent", timeUnit, ratioAtMost, otel, 0.2, "traceparent extract ≥ 5× faster than OTel"},
	{"ExtractTraceparent", "allocs/op", atMost, "", 0, "traceparent extract 0 allocs/op"},
	// Issue 16: OTLP export against the SDK's otlptracehttp exporter.
	{"EncodeOTLP", "cpu-ns/span", ratioAtMost, otel, 0.2, "OTLP encoding ≥ 5× faster than the OTel SDK's"},
	{"EncodeOTLP", "allocs/op", atMost, "", 0, "OTLP encoding 0 allocs/op"},
	{"ReporterOTLP/none", "cpu-ns/delivered", ratioAtMost, otel, 1, "OTLP reporter: less CPU per delivered span than the SDK (throughput, uncompressed)"},
	{"ReporterOTLP/gzip", "cpu-ns/delivered", ratioAtMost, otel, 1, "OTLP reporter: less CPU per delivered span than the SDK (throughput, gzip)"},
	{"ReporterOTLPDrain/none", "cpu-ns/delivered", ratioAtMost, otel, 1, "OTLP reporter: less CPU per delivered span than the SDK (drain, uncompressed)"},
	{"ReporterOTLPDrain/gzip", "cpu-ns/delivered", ratioAtMost, otel, 1, "OTLP reporter: less CPU per delivered span than the SDK (drain, gzip)"},
}

// verdict is the outcome of one target on one run.
type verdict struct {
	target
	measured string // what was measured, for the report
	met      bool
	missing  bool // the run has no result for ours or the peer
}

// check evaluates t against res's medians.
func (t target) check(res *results) verdict {
	v := verdict{target: t}
	got, ok := res.median(t.group, ours, t.unit)
	if !ok {
		v.missing = true
		return v
	}
	switch t.kind {
	case atMost:
		v.met = got <= t.bound
		v.measured = fmt.Sprintf("%s %s", formatValue(got), t.unit)
	case atLeast:
		v.met = got >= t.bound
		v.measured = fmt.Sprintf("%s %s", formatValue(got), t.unit)
	case ratioAtMost:
		peer, ok := res.median(t.group, t.peer, t.unit)
		if !ok || peer == 0 {
			v.missing = true
			return v
		}
		r := got / peer
		v.met = r <= t.bound
		v.measured = fmt.Sprintf("%s / %s %s = %s (%s faster)", formatValue(got), formatValue(peer), t.unit, formatRatio(r), formatSpeedup(r))
		if f, ok := res.median(t.group, floor, t.unit); ok {
			v.measured += fmt.Sprintf("; floor (primitives only) %s = %s", formatValue(f), formatRatio(f/peer))
		}
	}
	return v
}
