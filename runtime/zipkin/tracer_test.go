package zipkin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestOptionsFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    Options
		wantErr []string // substrings, one per expected error
	}{
		{name: "unset", env: nil, want: Options{}},
		{name: "stderr", env: map[string]string{"ZIPKIN_ENDPOINT": "stderr"}, want: Options{Endpoint: "stderr"}},
		{name: "stdout any case", env: map[string]string{"ZIPKIN_ENDPOINT": " STDOUT "}, want: Options{Endpoint: "stdout"}},
		{name: "bare host gets the path", env: map[string]string{"ZIPKIN_ENDPOINT": "http://localhost:9411"},
			want: Options{Endpoint: "http://localhost:9411/api/v2/spans"}},
		{name: "slash gets the path", env: map[string]string{"ZIPKIN_ENDPOINT": "https://zipkin.example/"},
			want: Options{Endpoint: "https://zipkin.example/api/v2/spans"}},
		{name: "path kept", env: map[string]string{"ZIPKIN_ENDPOINT": "http://otel:9411/custom/spans"},
			want: Options{Endpoint: "http://otel:9411/custom/spans"}},
		{name: "everything", env: map[string]string{
			"ZIPKIN_ENDPOINT": "stderr", "ZIPKIN_SERVICE_NAME": "api", "ZIPKIN_SAMPLE_RATE": "0.25",
			"ZIPKIN_ENCODING": "proto3", "ZIPKIN_PROPAGATION": "w3c, B3,,w3c", "ZIPKIN_COMPRESSION": " GZIP ",
		}, want: Options{Endpoint: "stderr", ServiceName: "api", SampleRate: rate(0.25), Encoding: Proto3, Compression: CompressGzip, Propagation: []string{"w3c", "b3"}}},
		{name: "no compression", env: map[string]string{"ZIPKIN_COMPRESSION": "none"}, want: Options{Compression: CompressNone}},
		{name: "rate 0", env: map[string]string{"ZIPKIN_SAMPLE_RATE": "0"}, want: Options{SampleRate: rate(0)}},
		{name: "bad scheme", env: map[string]string{"ZIPKIN_ENDPOINT": "ftp://x"}, wantErr: []string{"ZIPKIN_ENDPOINT"}},
		{name: "no host", env: map[string]string{"ZIPKIN_ENDPOINT": "http://"}, wantErr: []string{"ZIPKIN_ENDPOINT"}},
		{name: "all bad at once", env: map[string]string{
			"ZIPKIN_ENDPOINT": "localhost:9411", "ZIPKIN_SAMPLE_RATE": "1.5",
			"ZIPKIN_ENCODING": "thrift", "ZIPKIN_PROPAGATION": "b3,xray", "ZIPKIN_COMPRESSION": "zstd",
		}, wantErr: []string{"ZIPKIN_ENDPOINT", "ZIPKIN_SAMPLE_RATE", "ZIPKIN_ENCODING", "ZIPKIN_PROPAGATION", "ZIPKIN_COMPRESSION"}},
		{name: "NaN rate", env: map[string]string{"ZIPKIN_SAMPLE_RATE": "NaN"}, wantErr: []string{"ZIPKIN_SAMPLE_RATE"}},
		{name: "negative rate", env: map[string]string{"ZIPKIN_SAMPLE_RATE": "-0.1"}, wantErr: []string{"ZIPKIN_SAMPLE_RATE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := OptionsFromEnv(envOf(tt.env))
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("no error, got %+v", got)
				}
				lines := strings.Split(err.Error(), "\n")
				if len(lines) != len(tt.wantErr) {
					t.Errorf("%d errors, want %d: %v", len(lines), len(tt.wantErr), err)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %s", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !sameRate(got.SampleRate, tt.want.SampleRate) {
				t.Errorf("SampleRate = %v, want %v", got.SampleRate, tt.want.SampleRate)
			}
			got.SampleRate, tt.want.SampleRate = nil, nil
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func sameRate(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		want []string
	}{
		{"endpoint and reporter", Options{Endpoint: "stderr", Reporter: NewRecorder()}, []string{"not both"}},
		{"bad endpoint", Options{Endpoint: "zipkin:9411"}, []string{"Options.Endpoint"}},
		{"bad rate", Options{Reporter: NewRecorder(), SampleRate: rate(math.Inf(1))}, []string{"SampleRate"}},
		{"bad encoding", Options{Reporter: NewRecorder(), Encoding: 9}, []string{"Encoding"}},
		{"bad format", Options{Reporter: NewRecorder(), Propagation: []string{"b3", "zipkin"}}, []string{"Propagation"}},
		{"several", Options{Endpoint: "x", Reporter: NewRecorder(), SampleRate: rate(-1)}, []string{"not both", "Endpoint", "SampleRate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := New(tt.o)
			if err == nil {
				t.Fatalf("no error; tracer %+v", tr)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestNewBuildsReporters(t *testing.T) {
	off := newTracer(t, Options{})
	if off.Enabled() {
		t.Error("zero Options enabled tracing")
	}
	if _, span := off.Start(context.Background(), "x"); span != nil {
		t.Error("a disabled tracer made a span")
	}
	debug := newTracer(t, Options{Endpoint: "stderr", ServiceName: "svc"})
	if _, ok := debug.reporter.(*debugReporter); !ok || debug.LocalEndpoint().ServiceName != "svc" {
		t.Errorf("stderr endpoint gave %T", debug.reporter)
	}
	httpTr := newTracer(t, Options{Endpoint: "http://127.0.0.1:1", Encoding: Proto3})
	if !httpTr.Enabled() {
		t.Error("an http endpoint left tracing disabled")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = httpTr.Shutdown(ctx)
	if name := newTracer(t, Options{Reporter: NewRecorder()}).LocalEndpoint().ServiceName; name == "" {
		t.Error("no default service name")
	}
}

func TestTracerFromEnvNeverFails(t *testing.T) {
	var stderr bytes.Buffer
	tr := tracerFromEnv(envOf(map[string]string{"ZIPKIN_ENDPOINT": "stderr", "ZIPKIN_SAMPLE_RATE": "2", "ZIPKIN_ENCODING": "xml"}), &stderr)
	if tr == nil || tr.Enabled() {
		t.Fatal("a bad environment must give a disabled, usable tracer")
	}
	out := stderr.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "ZIPKIN_SAMPLE_RATE") || !strings.Contains(out, "ZIPKIN_ENCODING") {
		t.Errorf("want one line naming both variables, got %q", out)
	}
	stderr.Reset()
	if tr := tracerFromEnv(envOf(map[string]string{"ZIPKIN_ENDPOINT": "stdout"}), &stderr); !tr.Enabled() || stderr.Len() != 0 {
		t.Errorf("a good environment: enabled %v, stderr %q", tr.Enabled(), stderr.String())
	}
}

func TestSetDefault(t *testing.T) {
	tr, rec := NewTestTracer()
	prev := SetDefault(tr)
	defer SetDefault(prev)
	if Default() != tr {
		t.Fatal("Default is not the tracer just set")
	}
	ctx, span := Start(context.Background(), "a")
	_, child := Start(ctx, "b")
	child.End(nil)
	_, root := StartRoot("c")
	root.End(nil)
	span.End(nil)
	if got := len(rec.Spans()); got != 3 {
		t.Errorf("recorded %d spans through the package functions, want 3", got)
	}
	if err := Flush(context.Background()); err != nil {
		t.Error(err)
	}
	if SetDefault(nil) != tr || Default() == nil || Default().Enabled() {
		t.Error("SetDefault(nil) must install a disabled tracer and return the previous one")
	}
}

func TestShutdownDropsLaterSpans(t *testing.T) {
	tr, rec := NewTestTracer()
	_, before := tr.Start(context.Background(), "before")
	_, after := tr.Start(context.Background(), "after")
	before.End(nil)
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Errorf("second Shutdown: %v", err)
	}
	after.End(nil)
	if n := len(rec.Spans()); n != 1 {
		t.Errorf("recorded %d spans, want only the one ended before Shutdown", n)
	}
	st := tr.Stats()
	if st.Dropped[DropShutdown] != 1 || st.Reported != 1 || st.Sampled != st.Reported+st.TotalDropped() {
		t.Errorf("stats %+v: want 1 reported, 1 dropped at shutdown", st)
	}
}

// stuckReporter ignores contexts: Shutdown must still return.
type stuckReporter struct{ discardReporter }

func (stuckReporter) Flush(context.Context) error { select {} }
func (stuckReporter) Close(context.Context) error { select {} }

func TestShutdownNeverHangsPastDeadline(t *testing.T) {
	tr := newTracer(t, Options{Reporter: stuckReporter{}})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := tr.Flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Flush = %v", err)
	}
	if err := tr.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v", err)
	}
}

func TestNilTracer(t *testing.T) {
	var tr *Tracer
	if tr.Enabled() || tr.Flush(context.Background()) != nil || tr.Shutdown(context.Background()) != nil {
		t.Error("nil tracer misbehaves")
	}
	if tr.Stats() != (Stats{}) || tr.LocalEndpoint() != (Endpoint{}) {
		t.Error("nil tracer has state")
	}
	if p := tr.Propagation(); len(p) != 1 || p[0] != "b3" {
		t.Errorf("Propagation = %v", p)
	}
}

func TestRateLimitedLog(t *testing.T) {
	var buf bytes.Buffer
	l := newRateLimitedLog(&buf, 10*time.Second)
	now := time.Unix(1000, 0)
	l.now = func() time.Time { return now }
	l.Log(errors.New("zipkin: first"))
	l.Log(errors.New("second"))
	now = now.Add(5 * time.Second)
	l.Log(errors.New("third"))
	now = now.Add(6 * time.Second)
	l.Log(errors.New("fourth\nline"))
	l.Log(nil)
	want := "zipkin: sending spans: first\nzipkin: sending spans: fourth; line (2 more errors since the last report)\n"
	if buf.String() != want {
		t.Errorf("log = %q, want %q", buf.String(), want)
	}
}

// FuzzOptionsFromEnv checks that whatever the environment holds, reading it
// never panics, and that every Options it accepts New accepts too: a
// program never fails at start-up over a value the parser let through.
func FuzzOptionsFromEnv(f *testing.F) {
	f.Add("http://localhost:9411", "svc", "0.5", "json", "b3,w3c")
	f.Add("stderr", "", "1e-3", "proto3", "uber")
	f.Add("https://[::1]:9411/", "x", "NaN", "PROTO3", ",,b3single,")
	f.Add("http://%zz", "\x00", "+Inf", "", "B3 , w3c")
	f.Fuzz(func(t *testing.T, endpoint, service, sampleRate, encoding, propagation string) {
		env := map[string]string{
			"ZIPKIN_ENDPOINT": endpoint, "ZIPKIN_SERVICE_NAME": service, "ZIPKIN_SAMPLE_RATE": sampleRate,
			"ZIPKIN_ENCODING": encoding, "ZIPKIN_PROPAGATION": propagation,
		}
		o, err := OptionsFromEnv(envOf(env))
		if err != nil {
			return
		}
		if r := o.SampleRate; r != nil && !(*r >= 0 && *r <= 1) {
			t.Fatalf("accepted rate %v", *r)
		}
		if strings.HasPrefix(o.Endpoint, "http") {
			// New would start an HTTP reporter: check the URL here instead,
			// as New does.
			if again, err := normalizeEndpoint(o.Endpoint); err != nil || again != o.Endpoint {
				t.Fatalf("accepted endpoint %q as %q, which New reads as %q, %v", endpoint, o.Endpoint, again, err)
			}
			o.Endpoint = ""
		}
		o.ErrorOutput = io.Discard
		tr, err := New(o)
		if err != nil {
			t.Fatalf("OptionsFromEnv accepted %q but New refused it: %v", env, err)
		}
		_ = tr.Shutdown(context.Background())
	})
}
