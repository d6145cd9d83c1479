package zipkin

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestStartRequestJoinsHeaderTrace is the contract generated code relies
// on: a traced function taking *http.Request, with no middleware in front,
// continues the trace in the request's headers, in any format.
func TestStartRequestJoinsHeaderTrace(t *testing.T) {
	for name, h := range map[string]http.Header{
		"b3":  header("X-B3-TraceId", pTrace128, "X-B3-SpanId", pSpan, "X-B3-Sampled", "1"),
		"w3c": header("traceparent", "00-"+pTrace128+"-"+pSpan+"-01"),
	} {
		tr, rec := NewTestTracer()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header = h
		r2, span := tr.StartRequest(r, "handler")
		if r2 == r || SpanFromContext(r2.Context()) != span {
			t.Fatalf("%s: the request does not carry the span", name)
		}
		span.End(nil)
		got := rec.Spans()
		if len(got) != 1 || got[0].TraceID != pTID128 || got[0].ParentID != pSID {
			t.Errorf("%s: recorded %+v, want a child of %s/%s", name, got, pTrace128, pSpan)
		}
	}
}
