package zipkinslog

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func newTracer(t *testing.T) (*zipkin.Tracer, *zipkin.Recorder) {
	t.Helper()
	rec := zipkin.NewRecorder()
	tr, err := zipkin.New(zipkin.Options{ServiceName: "svc", Reporter: rec})
	if err != nil {
		t.Fatal(err)
	}
	return tr, rec
}

// lines decodes the JSON handler's output, one object per record.
func lines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestStampsIDsAtTopLevel(t *testing.T) {
	tr, _ := newTracer(t)
	ctx, span := tr.Start(context.Background(), "op")
	defer span.End(nil)
	sc := span.Context()

	var got, native bytes.Buffer
	log := slog.New(NewHandler(slog.NewJSONHandler(&got, nil), Options{}))
	plain := slog.New(slog.NewJSONHandler(&native, nil))
	for _, l := range []*slog.Logger{log, plain} {
		l.With("app", "shop").WithGroup("req").With("id", 7).WithGroup("db").InfoContext(ctx, "query", "rows", 3)
		l.With("app", "shop").WithGroup("empty").InfoContext(ctx, "no attrs")
	}
	want := lines(t, &native)
	have := lines(t, &got)
	for i := range want {
		if have[i]["trace_id"] != sc.TraceID.String() || have[i]["span_id"] != sc.ID.String() {
			t.Errorf("record %d: ids %v/%v, want %v/%v", i, have[i]["trace_id"], have[i]["span_id"], sc.TraceID, sc.ID)
		}
		delete(have[i], "trace_id")
		delete(have[i], "span_id")
		delete(have[i], "time")
		delete(want[i], "time")
		h, _ := json.Marshal(have[i])
		w, _ := json.Marshal(want[i])
		if string(h) != string(w) {
			t.Errorf("record %d: got %s, want what slog writes without the handler: %s", i, h, w)
		}
	}
}

func TestNoSpanNoIDs(t *testing.T) {
	var buf bytes.Buffer
	slog.New(NewHandler(slog.NewJSONHandler(&buf, nil), Options{})).Info("hello")
	if m := lines(t, &buf)[0]; m["trace_id"] != nil || m["msg"] != "hello" {
		t.Errorf("got %v", m)
	}
}

func TestUnsampledTraceStillStamped(t *testing.T) {
	sc := zipkin.SpanContext{TraceID: zipkin.TraceID{Low: 0xabc}, ID: 0xdef, Sampling: zipkin.Deny}
	ctx := zipkin.ContextWithSpanContext(context.Background(), sc)
	var buf bytes.Buffer
	slog.New(NewHandler(slog.NewJSONHandler(&buf, nil), Options{TraceIDKey: "trace", SpanIDKey: "span"})).InfoContext(ctx, "x")
	if m := lines(t, &buf)[0]; m["trace"] != "0000000000000abc" || m["span"] != "0000000000000def" {
		t.Errorf("got %v", m)
	}
}

func TestMirrorsRecordsAsAnnotations(t *testing.T) {
	tr, rec := newTracer(t)
	ctx, span := tr.Start(context.Background(), "op")
	var buf bytes.Buffer
	inner := slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelError})
	log := slog.New(NewHandler(inner, Options{AnnotateLevel: slog.LevelWarn}))
	log.InfoContext(ctx, "ignored")
	log.WarnContext(ctx, "disk low", "free", "2%")
	log.ErrorContext(ctx, "write failed")
	span.End(nil)

	anns := rec.Spans()[0].Annotations
	var got []string
	for _, a := range anns {
		got = append(got, a.Value)
	}
	want := []string{"WARN disk low free=2%", "ERROR write failed"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("annotations %q, want %q", got, want)
	}
	if out := lines(t, &buf); len(out) != 1 || out[0]["msg"] != "write failed" {
		t.Errorf("the wrapped handler (level ERROR) wrote %v", out)
	}
}

func TestAnnotationsAreRateLimited(t *testing.T) {
	tr, rec := newTracer(t)
	ctx, span := tr.Start(context.Background(), "op")
	h := NewHandler(slog.DiscardHandler, Options{AnnotateLevel: slog.LevelInfo, AnnotateRate: 1, AnnotateBurst: 3})
	start := time.Now()
	emit := func(at time.Time) {
		r := slog.NewRecord(at, slog.LevelInfo, "tick", 0)
		if err := h.Handle(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for range 10 {
		emit(start) // a storm: only the burst gets through
	}
	emit(start.Add(2 * time.Second)) // two tokens refilled
	emit(start.Add(2 * time.Second))
	emit(start.Add(2 * time.Second)) // over again
	span.End(nil)
	if n := len(rec.Spans()[0].Annotations); n != 5 {
		t.Errorf("%d annotations, want 3 (burst) + 2 (refilled)", n)
	}
}

func TestBucketDefaults(t *testing.T) {
	b := newBucket(0, 0)
	now := time.Now()
	n := 0
	for b.take(now) {
		n++
	}
	if n != defaultAnnotateRate {
		t.Errorf("default burst %d, want %d", n, defaultAnnotateRate)
	}
	if b.take(now.Add(-time.Hour)) {
		t.Error("time going backwards refilled the bucket")
	}
}

// TestSlogConformance runs the standard library's handler test suite.
func TestSlogConformance(t *testing.T) {
	var buf bytes.Buffer
	h := NewHandler(slog.NewJSONHandler(&buf, nil), Options{})
	results := func() []map[string]any {
		return lines(t, &buf)
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Error(err)
	}
}

// TestConcurrentMirroring logs from many goroutines onto one span through
// derived handlers sharing one bucket; run with -race.
func TestConcurrentMirroring(t *testing.T) {
	tr, rec := newTracer(t)
	ctx, span := tr.Start(context.Background(), "op")
	var buf bytes.Buffer
	base := slog.New(NewHandler(slog.NewJSONHandler(&lockedWriter{w: &buf}, nil), Options{AnnotateLevel: slog.LevelInfo, AnnotateBurst: 50, AnnotateRate: 1e-9}))
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			l := base.With("g", g).WithGroup("w")
			for i := range 20 {
				l.InfoContext(ctx, "tick", "i", i)
			}
		}()
	}
	for range 8 {
		<-done
	}
	span.End(nil)
	if n := len(rec.Spans()[0].Annotations); n != 50 {
		t.Errorf("%d annotations, want the burst of 50 shared by all derived handlers", n)
	}
	if n := len(lines(t, &buf)); n != 160 {
		t.Errorf("%d records logged, want all 160", n)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
