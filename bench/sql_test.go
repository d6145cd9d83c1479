package bench

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/XSAM/otelsql"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinsql"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	_ "modernc.org/sqlite"
)

// BenchmarkSQL measures one database/sql call over SQLite in memory
// (modernc.org/sqlite, pure Go): untraced, through zipkinsql, and through
// otelsql (XSAM/otelsql, the OpenTelemetry database/sql wrapper), each in
// its default configuration, under a parent span of the mode's tracer.
// "select" reads one row by primary key (QueryRowContext + Scan), the
// commonest call of a service; "insert" writes one row (ExecContext).
func BenchmarkSQL(b *testing.B) {
	for _, op := range []struct {
		name string
		run  func(ctx context.Context, db *sql.DB, i int) error
	}{
		{"select", func(ctx context.Context, db *sql.DB, i int) error {
			var name string
			var price int64
			return db.QueryRowContext(ctx, "SELECT name, price FROM items WHERE id = ?", 1+i%100).Scan(&name, &price)
		}},
		{"insert", func(ctx context.Context, db *sql.DB, i int) error {
			_, err := db.ExecContext(ctx, "INSERT INTO log (item, qty) VALUES (?, ?)", 1+i%100, i)
			return err
		}},
	} {
		for _, mode := range []struct {
			name string
			ours oursMode
			otel otelMode
		}{
			{"sampled", oursSampled, otelSampled},
			{"unsampled", oursUnsampled, otelUnsampled},
			{"disabled", oursDisabled, otelDisabled},
		} {
			b.Run(op.name+"/"+mode.name, func(b *testing.B) {
				b.Run("zipkingen", func(b *testing.B) {
					tr := newOursTracer(b, mode.ours)
					ctx, _ := tr.Start(context.Background(), "parent")
					db, err := zipkinsql.Open("sqlite", ":memory:", zipkinsql.Options{Tracer: tr, RemoteService: "db"})
					benchSQL(b, db, err, ctx, op.run)
				})
				b.Run("otel", func(b *testing.B) {
					tp := newOTelProvider(b, mode.otel)
					ctx := otelParent(tp.Tracer("bench"))
					db, err := otelsql.Open("sqlite", ":memory:", otelsql.WithTracerProvider(tp),
						otelsql.WithMeterProvider(metricnoop.NewMeterProvider()))
					benchSQL(b, db, err, ctx, op.run)
				})
				b.Run("untraced", func(b *testing.B) {
					db, err := sql.Open("sqlite", ":memory:")
					benchSQL(b, db, err, context.Background(), op.run)
				})
			})
		}
	}
}

// benchSQL stocks db (one connection: each in-memory SQLite connection is
// a database of its own) and runs op in a loop.
func benchSQL(b *testing.B, db *sql.DB, err error, ctx context.Context, op func(context.Context, *sql.DB, int) error) {
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	stockSQL(b, db)
	if err := op(ctx, db, 0); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	i := 0
	for b.Loop() {
		i++
		if err := op(ctx, db, i); err != nil {
			b.Fatal(err)
		}
	}
}

func stockSQL(tb testing.TB, db *sql.DB) {
	tb.Helper()
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	for _, s := range []string{
		"CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL)",
		"CREATE TABLE log (id INTEGER PRIMARY KEY, item INTEGER NOT NULL, qty INTEGER NOT NULL)",
	} {
		if _, err := db.Exec(s); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 1; i <= 100; i++ {
		if _, err := db.Exec("INSERT INTO items (id, name, price) VALUES (?, ?, ?)", i, fmt.Sprintf("item %d", i), i*100); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestSQLModesRecordAsClaimed guards BenchmarkSQL's fairness: a sampled
// zipkinsql call records its span, unsampled and disabled ones do not.
func TestSQLModesRecordAsClaimed(t *testing.T) {
	for _, m := range []oursMode{oursSampled, oursUnsampled, oursDisabled} {
		rec := zipkin.NewRecorder()
		var o zipkin.Options
		switch m {
		case oursSampled:
			o = zipkin.Options{Reporter: rec}
		case oursUnsampled:
			zero := 0.0
			o = zipkin.Options{Reporter: rec, SampleRate: &zero}
		}
		tr, err := zipkin.New(o)
		if err != nil {
			t.Fatal(err)
		}
		ctx, parent := tr.Start(context.Background(), "parent")
		db, err := zipkinsql.Open("sqlite", ":memory:", zipkinsql.Options{Tracer: tr})
		if err != nil {
			t.Fatal(err)
		}
		stockSQL(t, db)
		var name string
		if err := db.QueryRowContext(ctx, "SELECT name FROM items WHERE id = ?", 7).Scan(&name); err != nil || name != "item 7" {
			t.Fatalf("select: %q, %v", name, err)
		}
		db.Close()
		parent.End(nil)
		want := map[oursMode]int{oursSampled: 2, oursUnsampled: 0, oursDisabled: 0}[m]
		if got := len(rec.Spans()); got != want {
			t.Errorf("mode %d: %d spans recorded, want %d", m, got, want)
		}
	}
}

// BenchmarkSQLPaired measures what zipkinsql adds to a SELECT by primary
// key as a ratio, with the machine's drift taken out: each round runs a
// batch of calls on an untraced database and the same batch on a traced
// one, in alternating order, and the metric traced/untraced is the median
// of the rounds' ratios (1.05 is 5% more time per call). Separate
// benchmarks, even interleaved with -count, see a shared 2-core machine
// drift by more than the few percent being measured. "control" pairs two
// untraced databases: its distance from 1 is the method's own error.
func BenchmarkSQLPaired(b *testing.B) {
	const pairControl oursMode = -1 // both databases untraced
	for _, mode := range []struct {
		name string
		ours oursMode
	}{
		{"sampled", oursSampled},
		{"unsampled", oursUnsampled},
		{"disabled", oursDisabled},
		{"control", pairControl},
	} {
		b.Run(mode.name, func(b *testing.B) {
			ctx := context.Background()
			var traced *sql.DB
			var err error
			if mode.ours == pairControl {
				traced, err = sql.Open("sqlite", ":memory:")
			} else {
				tr := newOursTracer(b, mode.ours)
				ctx, _ = tr.Start(ctx, "parent")
				traced, err = zipkinsql.Open("sqlite", ":memory:", zipkinsql.Options{Tracer: tr, RemoteService: "db"})
			}
			if err != nil {
				b.Fatal(err)
			}
			untraced, err := sql.Open("sqlite", ":memory:")
			if err != nil {
				b.Fatal(err)
			}
			pairSQL(b, traced, ctx, untraced)
		})
	}
}

// pairSQL is BenchmarkSQLPaired's loop: one op of b is a round of batch
// calls on each database.
func pairSQL(b *testing.B, traced *sql.DB, ctx context.Context, untraced *sql.DB) {
	const batch = 200
	for _, db := range []*sql.DB{traced, untraced} {
		b.Cleanup(func() { db.Close() })
		stockSQL(b, db)
	}
	var name string
	var price int64
	run := func(db *sql.DB, ctx context.Context, from int) time.Duration {
		start := time.Now()
		for i := from; i < from+batch; i++ {
			if err := db.QueryRowContext(ctx, "SELECT name, price FROM items WHERE id = ?", 1+i%100).Scan(&name, &price); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	var ratios []float64
	var sum time.Duration
	round := 0
	for b.Loop() {
		var t, u time.Duration
		if round%2 == 0 {
			u = run(untraced, context.Background(), round*batch)
			t = run(traced, ctx, round*batch)
		} else {
			t = run(traced, ctx, round*batch)
			u = run(untraced, context.Background(), round*batch)
		}
		ratios = append(ratios, float64(t)/float64(u))
		sum += t
		round++
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "traced/untraced")
	b.ReportMetric(float64(sum.Nanoseconds())/float64(round*batch), "traced-ns/query")
	b.ReportMetric(0, "ns/op")
}
