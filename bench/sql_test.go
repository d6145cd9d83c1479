package bench

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

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
