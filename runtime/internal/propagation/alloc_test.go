package propagation

import "testing"

// Extraction runs on every incoming request, so well-formed input must not
// allocate.
func TestParsersDoNotAllocate(t *testing.T) {
	b3 := tid128 + "-" + sid + "-1-" + pid
	tp := "00-" + w3cTrace + "-" + w3cSpan + "-01"
	uber := tid128 + "%3A" + sid + ":" + pid + ":1"
	var sink Context
	cases := map[string]func(){
		"b3 multi":    func() { ParseB3Multi(tid128, sid, pid, "1", "", &sink) },
		"b3 single":   func() { ParseB3Single(b3, &sink) },
		"traceparent": func() { ParseTraceparent(tp, &sink) },
		"tracestate":  func() { _ = ValidTracestate("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE") },
		"uber":        func() { ParseUber(uber, &sink) },
	}
	for name, fn := range cases {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s: %v allocations per parse, want 0", name, n)
		}
	}
	_ = sink
}

func BenchmarkParseB3Multi(b *testing.B) {
	var c Context
	b.ReportAllocs()
	for b.Loop() {
		ParseB3Multi(tid128, sid, pid, "1", "", &c)
	}
}

func BenchmarkParseB3Single(b *testing.B) {
	v := tid128 + "-" + sid + "-1-" + pid
	var c Context
	b.ReportAllocs()
	for b.Loop() {
		ParseB3Single(v, &c)
	}
}

func BenchmarkParseTraceparent(b *testing.B) {
	v := "00-" + w3cTrace + "-" + w3cSpan + "-01"
	var c Context
	b.ReportAllocs()
	for b.Loop() {
		ParseTraceparent(v, &c)
	}
}

func BenchmarkParseUber(b *testing.B) {
	v := tid128 + ":" + sid + ":" + pid + ":1"
	var c Context
	b.ReportAllocs()
	for b.Loop() {
		ParseUber(v, &c)
	}
}

func BenchmarkAppendB3Single(b *testing.B) {
	c := Context{TraceHi: hi128, TraceLo: lo128, SpanID: sidV, ParentID: pidV, Sampling: Accept}
	buf := make([]byte, 0, maxB3Single)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendB3Single(buf[:0], c)
	}
}
