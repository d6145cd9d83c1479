package zipkin

import (
	"bytes"
	"context"
	"errors"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// debugTracer is a tracer printing into a buffer.
func debugTracer(t *testing.T) (*Tracer, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	tr := newTracer(t, Options{ServiceName: "api", Reporter: NewDebugReporter(&syncWriter{w: &buf})})
	return tr, &buf
}

// syncWriter lets the race detector see the buffer handed across.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// durations makes printed timings stable for comparison.
var durations = regexp.MustCompile(`[0-9.]+(µs|ms|s)\b`)

func TestDebugReporterPrintsTreeWhenRootEnds(t *testing.T) {
	tr, buf := debugTracer(t)
	ctx, root := tr.Start(context.Background(), "GET /users", WithKind(Server))
	root.Tag("http.method", "GET")
	root.Tag("note", "two words")
	cctx, store := tr.Start(ctx, "store.Get", WithKind(Client), WithRemoteEndpoint(Endpoint{ServiceName: "db", Addr: netip.MustParseAddr("10.0.0.5"), Port: 5432}))
	_, cache := tr.Start(cctx, "cache.Lookup")
	cache.Annotate("miss")
	cache.End(nil)
	err := errors.New("not found\nsecond line")
	store.End(&err)
	_, render := tr.Start(ctx, "render")
	render.End(nil)
	if buf.Len() != 0 {
		t.Fatalf("printed before the local root ended:\n%s", buf)
	}
	root.End(nil)
	got := durations.ReplaceAllString(buf.String(), "D")
	want := "trace " + root.Context().TraceID.String() + " · service api · 4 spans · D\n" +
		"└─ GET /users [SERVER] D\n" +
		"   │  http.method=GET note=\"two words\"\n" +
		"   ├─ store.Get [CLIENT → db (10.0.0.5:5432)] D, starts +D  ✗ ERROR: \"not found\\nsecond line\"\n" +
		"   │  └─ cache.Lookup D, starts +D\n" +
		"   │        +D  miss\n" +
		"   └─ render D, starts +D\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if st := tr.Stats(); st.Reported != 4 || st.Sampled != 4 {
		t.Errorf("stats = %+v", st)
	}
}

func TestDebugReporterFlushPrintsOrphans(t *testing.T) {
	tr, buf := debugTracer(t)
	ctx, root := tr.Start(context.Background(), "root")
	_, child := tr.Start(ctx, "outlives-nothing")
	child.End(nil)
	if err := tr.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "incomplete") || !strings.Contains(out, "outlives-nothing") {
		t.Errorf("Flush did not print the waiting span:\n%s", out)
	}
	buf.Reset()
	root.End(nil) // prints alone now
	if !strings.Contains(buf.String(), "1 span ·") {
		t.Errorf("root printed as %q", buf.String())
	}
	_ = tr.Shutdown(context.Background())
	_, late := tr.Start(context.Background(), "late")
	late.End(nil)
	if st := tr.Stats(); st.Dropped[DropShutdown] != 1 || st.Reported != 2 {
		t.Errorf("stats after shutdown = %+v", st)
	}
}

func TestDebugReporterBoundsMemory(t *testing.T) {
	var buf bytes.Buffer
	d := NewDebugReporter(&buf).(*debugReporter)
	tr := newTracer(t, Options{ServiceName: "api", Reporter: d})
	ctx, root := tr.Start(context.Background(), "never-ends")
	for range debugMaxSpans + 10 {
		_, s := tr.Start(ctx, "child")
		s.End(nil)
	}
	if d.buffered > debugMaxSpans {
		t.Errorf("%d spans buffered, over the bound %d", d.buffered, debugMaxSpans)
	}
	if !strings.Contains(buf.String(), "incomplete") {
		t.Error("a full buffer printed nothing: a root that never ends silences the output")
	}
	root.End(nil)
	_ = d.Close(context.Background())
	if st := tr.Stats(); st.Reported != st.Sampled || st.TotalDropped() != 0 {
		t.Errorf("reported %d, dropped %d, sampled %d: every span must be printed", st.Reported, st.TotalDropped(), st.Sampled)
	}
}

func TestDebugReporterPrintsTracesThatWaitTooLong(t *testing.T) {
	var buf bytes.Buffer
	d := NewDebugReporter(&buf).(*debugReporter)
	now := time.Unix(1000, 0)
	d.now = func() time.Time { return now }
	tr := newTracer(t, Options{ServiceName: "api", Reporter: d})
	ctx, _ := tr.Start(context.Background(), "background-loop")
	_, s := tr.Start(ctx, "tick")
	s.End(nil)
	if buf.Len() != 0 {
		t.Fatal("printed at once")
	}
	now = now.Add(debugMaxWait)
	_, other := tr.Start(context.Background(), "request")
	other.End(nil)
	out := buf.String()
	if !strings.Contains(out, "tick") || !strings.Contains(out, "incomplete") || !strings.Contains(out, "request") {
		t.Errorf("the waiting trace was not printed after %v:\n%s", debugMaxWait, out)
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0µs", 840 * time.Microsecond: "840µs", 12345 * time.Microsecond: "12.35ms", 1204 * time.Millisecond: "1.204s",
	} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
