package zipkin

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func baggageTracer(t *testing.T, o Options) (*Tracer, *Recorder) {
	t.Helper()
	rec := NewRecorder()
	o.Reporter, o.ServiceName = rec, "test"
	if o.Baggage == nil {
		o.Baggage = []string{"tenant-id", "Request-ID"}
	}
	return newTracer(t, o), rec
}

func TestBaggageSetAndRead(t *testing.T) {
	tr, _ := baggageTracer(t, Options{})
	ctx := tr.WithBaggage(context.Background(), "Tenant-ID", "acme")
	ctx = tr.WithBaggage(ctx, "request-id", "r-1")
	ctx = tr.WithBaggage(ctx, "user", "alice")                                          // not allow-listed
	ctx = tr.WithBaggage(ctx, "request-id", "bad\nvalue")                               // not fit for a header
	ctx = tr.WithBaggage(ctx, "tenant-id", strings.Repeat("x", MaxBaggageValueBytes+1)) // too long
	if v, _ := BaggageValue(ctx, "tenant-id"); v != "acme" {
		t.Errorf("tenant-id = %q", v)
	}
	if v, _ := BaggageValue(ctx, "REQUEST-ID"); v != "r-1" {
		t.Errorf("request-id = %q", v)
	}
	if _, ok := BaggageValue(ctx, "user"); ok {
		t.Error("a field outside the allow-list was set")
	}
	parent := tr.WithBaggage(context.Background(), "tenant-id", "a")
	child := tr.WithBaggage(parent, "tenant-id", "b")
	if v, _ := BaggageValue(parent, "tenant-id"); v != "a" {
		t.Errorf("setting on a child changed the parent: %q", v)
	}
	if v, _ := BaggageValue(child, "tenant-id"); v != "b" {
		t.Errorf("child %q", v)
	}
}

func TestBaggageInjectExtractRoundTrip(t *testing.T) {
	tr, _ := baggageTracer(t, Options{})
	ctx, span := tr.Start(context.Background(), "op")
	defer span.End(nil)
	ctx = tr.WithBaggage(ctx, "tenant-id", `a b,c;d"é%`)
	ctx = tr.WithBaggage(ctx, "request-id", "r-1")
	c := MapCarrier{}
	tr.Inject(ctx, c)
	if got := c["baggage"]; got != "tenant-id=a%20b%2Cc%3Bd%22%C3%A9%25,request-id=r-1" {
		t.Errorf("baggage header %q", got)
	}
	if c["baggage-request-id"] != "r-1" || c["baggage-tenant-id"] != `a b,c;d"é%` {
		t.Errorf("B3 baggage headers %v", c)
	}
	in := tr.ExtractBaggage(context.Background(), c)
	if v, _ := BaggageValue(in, "tenant-id"); v != `a b,c;d"é%` {
		t.Errorf("round trip %q", v)
	}
	// B3-style headers alone, as zipkin-go writes them.
	h := HeaderCarrier{}
	h.Set("Baggage-Tenant-Id", "acme")
	if v, _ := BaggageValue(tr.ExtractBaggage(context.Background(), h), "tenant-id"); v != "acme" {
		t.Errorf("from baggage-tenant-id: %q", v)
	}
}

func TestBaggageExtractBounds(t *testing.T) {
	tr, _ := baggageTracer(t, Options{})
	long := strings.Repeat("x", MaxBaggageValueBytes+1)
	for _, c := range []struct {
		name, header string
		want         map[string]string
	}{
		{"plain", "tenant-id=acme", map[string]string{"tenant-id": "acme"}},
		{"white space and properties", " tenant-id = acme ;ttl=3 , request-id=r-1", map[string]string{"tenant-id": "acme", "request-id": "r-1"}},
		{"foreign fields ignored", "user=alice,tenant-id=acme,secret=x", map[string]string{"tenant-id": "acme"}},
		{"first of duplicates", "tenant-id=a,tenant-id=b", map[string]string{"tenant-id": "a"}},
		{"malformed member dropped", "tenant-id,request-id=r-1", map[string]string{"request-id": "r-1"}},
		{"bad value octet", `tenant-id=a"b,request-id=r-1`, map[string]string{"request-id": "r-1"}},
		{"bad percent", "tenant-id=a%zz,request-id=r%2", nil},
		{"bad key", "ten ant=x,té=y", nil},
		{"decoded control character", "tenant-id=a%0Ab", nil},
		{"value over the cap", "tenant-id=" + long, nil},
		{"header over 8192 bytes", "tenant-id=acme," + strings.Repeat("k=v,", 2100), nil},
		{"over 180 entries", "tenant-id=acme" + strings.Repeat(",k=v", 180), nil},
		{"180 entries are fine", "tenant-id=acme" + strings.Repeat(",k=v", 179), map[string]string{"tenant-id": "acme"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := tr.ExtractBaggage(context.Background(), MapCarrier{"baggage": c.header})
			got := map[string]string{}
			RangeBaggage(ctx, func(n, v string) bool { got[n] = v; return true })
			if fmt.Sprint(got) != fmt.Sprint(c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			out := MapCarrier{}
			tr.Inject(ctx, out)
			for k, v := range out {
				if strings.Contains(v, "alice") || strings.Contains(v, "secret") || len(v) > MaxBaggageValueBytes*3+20 {
					t.Errorf("echoed %s: %q", k, v)
				}
			}
		})
	}
}

func TestBaggageCostsNothingWithoutAllowList(t *testing.T) {
	tr, _ := baggageTracer(t, Options{Baggage: []string{}})
	ctx := context.Background()
	c := MapCarrier{"baggage": "tenant-id=acme"}
	if tr.ExtractBaggage(ctx, c) != ctx || tr.WithBaggage(ctx, "tenant-id", "x") != ctx {
		t.Error("baggage kept without an allow-list")
	}
	if n := testing.AllocsPerRun(100, func() { tr.ExtractBaggage(ctx, c) }); n != 0 {
		t.Errorf("ExtractBaggage allocates %v without an allow-list", n)
	}
	out := MapCarrier{}
	sctx, s := tr.Start(ctx, "op")
	tr.Inject(sctx, out)
	s.End(nil)
	for k := range out {
		if strings.HasPrefix(strings.ToLower(k), "baggage") {
			t.Errorf("injected %s", k)
		}
	}
	if tr.pipeline != nil {
		t.Error("a pipeline without redaction, handler or baggage tags")
	}
}

func TestBaggageTags(t *testing.T) {
	tr, rec := baggageTracer(t, Options{BaggageTags: true, RedactTags: []string{"request-id"}})
	ctx := tr.WithBaggage(context.Background(), "tenant-id", "acme")
	ctx = tr.WithBaggage(ctx, "request-id", "r-1")
	_, s := tr.Start(ctx, "op")
	s.End(nil)
	tags := rec.Spans()[0].Tags
	if tags["tenant-id"] != "acme" || tags["request-id"] != RedactedValue {
		t.Errorf("tags %v", tags)
	}
}

func TestBaggageFromEnv(t *testing.T) {
	o, err := OptionsFromEnv(envOf(map[string]string{"ZIPKIN_BAGGAGE": " Tenant-ID, request-id,,tenant-id"}))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(o.Baggage) != "[tenant-id request-id]" {
		t.Errorf("Baggage %q", o.Baggage)
	}
	if _, err := OptionsFromEnv(envOf(map[string]string{"ZIPKIN_BAGGAGE": "ten ant"})); err == nil || !strings.Contains(err.Error(), "ZIPKIN_BAGGAGE") {
		t.Errorf("bad name: %v", err)
	}
	if _, err := New(Options{Baggage: []string{"a:b"}}); err == nil {
		t.Error("a name that is no header token is accepted")
	}
}

func FuzzBaggageHeader(f *testing.F) {
	for _, s := range []string{"tenant-id=acme", " a = b ;p=1 , c=d%20e", "k=%zz", "a=b,,c", "=x", "a=" + strings.Repeat("y", 300)} {
		f.Add(s)
	}
	tr, err := New(Options{Reporter: NewRecorder(), Baggage: []string{"a", "c", "k", "tenant-id"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, h string) {
		n := 0
		parseW3CBaggage(h, func(name, value string) {
			n++
			if !validBaggageName(name) || !validBaggageValue(value) || name != strings.ToLower(name) {
				t.Fatalf("%q gave field %q=%q", h, name, value)
			}
			// What is kept survives encoding and parsing again.
			enc := string(appendBaggageValue([]byte(name+"="), value))
			again := ""
			parseW3CBaggage(enc, func(_, v string) { again = v })
			if again != value {
				t.Fatalf("%q: %q encodes as %q, which parses as %q", h, value, enc, again)
			}
		})
		if n > MaxBaggageEntries || (len(h) > MaxBaggageHeaderBytes && n > 0) {
			t.Fatalf("%q: %d fields past the limits", h, n)
		}
		ctx := tr.ExtractBaggage(context.Background(), MapCarrier{"baggage": h, "baggage-a": h})
		out := MapCarrier{}
		tr.Inject(ctx, out)
		if len(out["baggage"]) > MaxBaggageHeaderBytes {
			t.Fatalf("injected %d bytes", len(out["baggage"]))
		}
	})
}
