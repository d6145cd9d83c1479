package zipkin

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzExtractHeader feeds every header Extract reads at once. Whatever it
// accepts must be a valid context or a bare sampling decision, must be what
// a MapCarrier of the same values yields (it reads every key, where
// http.Header stops looking once it has found all its keys), and must
// survive injection as B3 and extraction again.
func FuzzExtractHeader(f *testing.F) {
	f.Add(pTrace128+"-"+pSpan+"-1-"+pParent, pTrace128, pSpan, pParent, "1", "", "00-"+pW3CTrace+"-"+pW3CSpan+"-01", "rojo=1", pTrace64+":"+pSpan+":0:1")
	f.Add("0", "", "", "", "", "1", "", "", "")
	f.Add("", "", "", "", "", "", "cc-"+pW3CTrace+"-"+pW3CSpan+"-01-x", "a=b,c=d", "")
	f.Add("", "", "", "", "", "", "", "", "abc%3Ade%3A0%3A3")
	f.Fuzz(func(t *testing.T, b3, tid, sid, pid, sampled, flags, traceparent, tracestate, uber string) {
		h, m := http.Header{}, MapCarrier{}
		for k, v := range map[string]string{
			"B3": b3, "X-B3-Traceid": tid, "X-B3-Spanid": sid, "X-B3-Parentspanid": pid,
			"X-B3-Sampled": sampled, "X-B3-Flags": flags, "Traceparent": traceparent,
			"Tracestate": tracestate, "Uber-Trace-Id": uber,
		} {
			if v != "" {
				h[k], m[strings.ToLower(k)] = []string{v}, v
			}
		}
		sc, ok := ExtractHeader(h)
		if fromMap, mapOK := Extract(m); mapOK != ok || fromMap != sc {
			t.Fatalf("http.Header gave %+v, %v; MapCarrier %+v, %v", sc, ok, fromMap, mapOK)
		}
		if !ok {
			if sc != (SpanContext{}) {
				t.Fatalf("rejected but returned %+v", sc)
			}
			return
		}
		bare := sc.TraceID.IsZero() && sc.ID == 0 && sc.ParentID == 0 && (sc.Sampling != Defer || sc.Debug)
		if !sc.IsValid() && !bare {
			t.Fatalf("accepted %+v: neither valid nor a bare decision", sc)
		}
		if sc.Debug && sc.Sampling != Accept {
			t.Fatalf("debug without accept: %+v", sc)
		}
		out := http.Header{}
		InjectSpanContextHeader(sc, out, B3Multi)
		back, ok := ExtractHeader(out)
		sc.TraceState = ""
		if !ok || back != sc {
			t.Fatalf("%+v injected as %v came back as %+v, %v", sc, out, back, ok)
		}
	})
}
