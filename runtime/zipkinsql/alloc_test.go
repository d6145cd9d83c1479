package zipkinsql

import (
	"context"
	"database/sql"
	"runtime"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// modes are the tracing states a call can be in.
func modes(t testing.TB) map[string]struct {
	tracer *zipkin.Tracer
	ctx    context.Context
} {
	sampledTracer, _ := zipkin.NewTestTracer()
	sampledCtx, sampled := sampledTracer.Start(context.Background(), "parent")
	sampled.End(nil) // its children are still sampled; it only holds the trace
	rate := 0.0
	unsampledTracer, err := zipkin.New(zipkin.Options{Reporter: zipkin.NewRecorder(), SampleRate: &rate})
	if err != nil {
		t.Fatal(err)
	}
	unsampledCtx, _ := unsampledTracer.Start(context.Background(), "parent")
	disabled, _ := zipkin.New(zipkin.Options{})
	return map[string]struct {
		tracer *zipkin.Tracer
		ctx    context.Context
	}{
		"sampled":   {sampledTracer, sampledCtx},
		"unsampled": {unsampledTracer, unsampledCtx},
		"disabled":  {disabled, context.Background()},
		"noparent":  {sampledTracer, context.Background()},
	}
}

// TestNoAllocationWhenNotRecording: unsampled, disabled, or without a
// parent, a traced call allocates exactly what the untraced one does.
func TestNoAllocationWhenNotRecording(t *testing.T) {
	for name, m := range modes(t) {
		if name == "sampled" {
			continue
		}
		for _, rowsClosed := range []bool{false, true} {
			raw, rawLog := newFakeConnector(fullShape)
			fc, log := newFakeConnector(fullShape)
			rawLog.off, log.off = true, true
			rawDB := sql.OpenDB(raw)
			db := sql.OpenDB(WrapConnector(fc, Options{Tracer: m.tracer, RemoteService: "db", UntilRowsClosed: rowsClosed}))
			rawStmt, _ := rawDB.Prepare("SELECT stmt")
			stmt, _ := db.Prepare("SELECT stmt")
			for op, run := range map[string]func(db *sql.DB, stmt *sql.Stmt){
				"exec": func(db *sql.DB, _ *sql.Stmt) { db.ExecContext(m.ctx, "INSERT x", 1) },
				"query": func(db *sql.DB, _ *sql.Stmt) {
					rows, _ := db.QueryContext(m.ctx, "SELECT x", 1)
					for rows.Next() {
					}
					rows.Close()
				},
				"stmt": func(_ *sql.DB, stmt *sql.Stmt) { stmt.ExecContext(m.ctx, 1) },
				"tx": func(db *sql.DB, _ *sql.Stmt) {
					tx, _ := db.BeginTx(m.ctx, nil)
					tx.Commit()
					// Let the goroutine database/sql started for the
					// transaction end, so that the next one reuses it.
					runtime.Gosched()
				},
			} {
				want := allocsPerRun(2000, func() { run(rawDB, rawStmt) })
				got := allocsPerRun(2000, func() { run(db, stmt) })
				// An allocation of database/sql's own now and then (a
				// goroutine's, say) is noise; one per call is the wrapper's.
				if got > want+0.5 {
					t.Errorf("%s %s (UntilRowsClosed=%v): %.2f allocations, untraced %.2f", name, op, rowsClosed, got, want)
				}
			}
			rawDB.Close()
			db.Close()
		}
	}
}

// TestSampledAllocatesOnlyTheSpan: a sampled call with a RemoteService
// and the sql.query tag allocates one object more than the untraced one,
// the Span (the remote endpoint is shared, zipkin.SharedRemote, not an
// extension of each span's own), and none at all when the reporter hands
// its spans back (Span.Recycle), as the batching reporter does once a span
// is encoded.
func TestSampledAllocatesOnlyTheSpan(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, tc := range []struct {
		name     string
		reporter zipkin.Reporter
		extra    float64
	}{
		{"keeping", keep{}, 1},
		{"recycling", discard{}, 0},
	} {
		tr, err := zipkin.New(zipkin.Options{Reporter: tc.reporter})
		if err != nil {
			t.Fatal(err)
		}
		ctx, _ := tr.Start(context.Background(), "parent")
		raw, rawLog := newFakeConnector(fullShape)
		fc, log := newFakeConnector(fullShape)
		rawLog.off, log.off = true, true
		rawDB := sql.OpenDB(raw)
		db := sql.OpenDB(WrapConnector(fc, Options{Tracer: tr, RemoteService: "db"}))
		want := allocsPerRun(2000, func() { rawDB.ExecContext(ctx, "INSERT x", 1) })
		got := allocsPerRun(2000, func() { db.ExecContext(ctx, "INSERT x", 1) })
		if got > want+tc.extra+0.5 {
			t.Errorf("sampled exec, %s reporter: %.2f allocations, untraced %.2f: want at most %.0f more", tc.name, got, want, tc.extra)
		}
		rawDB.Close()
		db.Close()
	}
}

// discard is a Reporter that drops every span and hands it back to the
// runtime: benchmarks measure the wrapper, not a recorder.
type discard struct{}

func (discard) Report(s *zipkin.Span)       { s.Recycle() }
func (discard) Flush(context.Context) error { return nil }
func (discard) Close(context.Context) error { return nil }

// keep is a Reporter that drops every span without recycling it, as one
// that holds on to its spans must.
type keep struct{}

func (keep) Report(*zipkin.Span)         {}
func (keep) Flush(context.Context) error { return nil }
func (keep) Close(context.Context) error { return nil }

// allocsPerRun is testing.AllocsPerRun without its rounding down, so that
// an occasional allocation of database/sql's own does not count as one per
// call.
func allocsPerRun(runs int, f func()) float64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs)
}

// BenchmarkExec measures the wrapper's own cost per call: the fake driver
// does next to nothing, so each mode's difference from "untraced" is what
// zipkinsql adds to a real driver's call.
func BenchmarkExec(b *testing.B) {
	sampled, err := zipkin.New(zipkin.Options{Reporter: discard{}})
	if err != nil {
		b.Fatal(err)
	}
	sampledCtx, _ := sampled.Start(context.Background(), "parent")
	all := modes(b)
	all["sampled"] = struct {
		tracer *zipkin.Tracer
		ctx    context.Context
	}{sampled, sampledCtx}
	for name, m := range all {
		b.Run(name, func(b *testing.B) {
			fc, log := newFakeConnector(fullShape)
			log.off = true
			db := sql.OpenDB(WrapConnector(fc, Options{Tracer: m.tracer, RemoteService: "db"}))
			defer db.Close()
			b.ReportAllocs()
			for b.Loop() {
				db.ExecContext(m.ctx, "INSERT x", 1)
			}
		})
	}
	b.Run("untraced", func(b *testing.B) {
		fc, log := newFakeConnector(fullShape)
		log.off = true
		db := sql.OpenDB(fc)
		defer db.Close()
		b.ReportAllocs()
		for b.Loop() {
			db.ExecContext(context.Background(), "INSERT x", 1)
		}
	})
}
