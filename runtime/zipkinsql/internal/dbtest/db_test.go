package dbtest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinsql"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// traced is one test's database: opened through zipkinsql.Open with a
// recording tracer, a table of its own, and a parent span to call under.
type traced struct {
	b      backend
	db     *sql.DB
	dsn    string
	table  string
	tracer *zipkin.Tracer
	rec    *zipkin.Recorder
	ctx    context.Context
	parent zipkin.SpanContext
}

func open(t *testing.T, b backend, o zipkinsql.Options) *traced {
	t.Helper()
	dsn := b.dsn(t)
	table := b.table(t, dsn)
	tr, rec := zipkin.NewTestTracer()
	o.Tracer, o.RemoteService = tr, b.name+"-db"
	db, err := zipkinsql.Open(b.driver, dsn, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, parent := tr.Start(context.Background(), "test.parent")
	t.Cleanup(func() { parent.End(nil) })
	return &traced{b: b, db: db, dsn: dsn, table: table, tracer: tr, rec: rec, ctx: ctx, parent: parent.Context()}
}

// sql is s with the test's table for "items" and the backend's
// placeholders.
func (d *traced) sql(s string) string {
	return d.b.q(strings.ReplaceAll(s, "items", d.table))
}

// spans checks that the recorded spans have the given names, in order,
// that each is a CLIENT child of the test's parent with the remote
// service, and returns them.
func (d *traced) spans(t *testing.T, names ...string) []zipkin.RecordedSpan {
	t.Helper()
	spans := d.rec.Spans()
	var got []string
	for _, s := range spans {
		got = append(got, s.Name)
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Fatalf("spans %q, want %q", got, names)
	}
	for _, s := range spans {
		zipkintest.ChildOf(t, s, d.parent)
		if s.Kind != zipkin.Client {
			t.Errorf("%s: kind %v, want CLIENT", s.Name, s.Kind)
		}
		if want := d.b.name + "-db"; s.RemoteEndpoint.ServiceName != want {
			t.Errorf("%s: remote service %q, want %q", s.Name, s.RemoteEndpoint.ServiceName, want)
		}
	}
	return spans
}

func each(t *testing.T, f func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

func TestExecAndQueryByPrimaryKey(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{})
		insert := d.sql("INSERT INTO items (id, name, price) VALUES (?, ?, ?)")
		if _, err := d.db.ExecContext(d.ctx, insert, 4, "secret-pen", 200); err != nil {
			t.Fatal(err)
		}
		var name string
		query := d.sql("SELECT name FROM items WHERE id = ?")
		if err := d.db.QueryRowContext(d.ctx, query, 4).Scan(&name); err != nil || name != "secret-pen" {
			t.Fatalf("name %q, err %v", name, err)
		}
		spans := d.spans(t, zipkinsql.OpExec, zipkinsql.OpQuery)
		zipkintest.HasTag(t, spans[0], zipkinsql.TagQuery, insert)
		zipkintest.HasTag(t, spans[1], zipkinsql.TagQuery, query)
		for _, s := range spans {
			zipkintest.NoTag(t, s, "error")
			for k, v := range s.Tags {
				if strings.Contains(v, "secret-pen") {
					t.Errorf("%s: tag %s=%q holds an argument", s.Name, k, v)
				}
			}
		}
	})
}

func TestPreparedStatement(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{})
		query := d.sql("SELECT price FROM items WHERE id = ?")
		stmt, err := d.db.PrepareContext(d.ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer stmt.Close()
		for id, want := range map[int]int{1: 800, 3: 3900} {
			var price int
			if err := stmt.QueryRowContext(d.ctx, id).Scan(&price); err != nil || price != want {
				t.Fatalf("id %d: price %d, err %v", id, price, err)
			}
		}
		for _, s := range d.spans(t, zipkinsql.OpPrepare, zipkinsql.OpQuery, zipkinsql.OpQuery) {
			zipkintest.HasTag(t, s, zipkinsql.TagQuery, query)
		}
	})
}

func TestTransactions(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{})
		tx, err := d.db.BeginTx(d.ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(d.ctx, d.sql("UPDATE items SET price = ? WHERE id = ?"), 900, 1); err != nil {
			t.Fatal(err)
		}
		var price int
		if err := tx.QueryRowContext(d.ctx, d.sql("SELECT price FROM items WHERE id = ?"), 1).Scan(&price); err != nil || price != 900 {
			t.Fatalf("price in tx %d, err %v", price, err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}

		tx, err = d.db.BeginTx(d.ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(d.ctx, d.sql("DELETE FROM items WHERE id = ?"), 1); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := d.db.QueryRowContext(context.Background(), d.sql("SELECT price FROM items WHERE id = ?"), 1).Scan(&price); err != nil || price != 900 {
			t.Fatalf("after commit and rollback: price %d, err %v; want 900", price, err)
		}
		for _, s := range d.spans(t, "sql.begin", "sql.exec", "sql.query", "sql.commit", "sql.begin", "sql.exec", "sql.rollback") {
			zipkintest.NoTag(t, s, "error")
		}
	})
}

func TestQueryRowNoRows(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		for _, untilClosed := range []bool{false, true} {
			d := open(t, b, zipkinsql.Options{UntilRowsClosed: untilClosed})
			var name string
			err := d.db.QueryRowContext(d.ctx, d.sql("SELECT name FROM items WHERE id = ?"), -1).Scan(&name)
			if err != sql.ErrNoRows {
				t.Fatalf("err %v, want sql.ErrNoRows", err)
			}
			zipkintest.NoTag(t, d.spans(t, zipkinsql.OpQuery)[0], "error")
		}
	})
}

func TestCancelMidQuery(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{UntilRowsClosed: true})
		ctx, cancel := context.WithTimeout(d.ctx, 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		rows, err := d.db.QueryContext(ctx, b.slow)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		elapsed := time.Since(start)
		if err == nil {
			t.Fatal("the slow query succeeded despite its deadline")
		}
		if elapsed > 5*time.Second {
			t.Fatalf("the query was not canceled: it took %v", elapsed)
		}
		s := d.spans(t, zipkinsql.OpQuery)[0]
		if s.Tags["error"] == "" {
			t.Errorf("canceled query's span has no error tag; err was %v; tags %v", err, s.Tags)
		}
		if s.Duration < 250*time.Millisecond {
			t.Errorf("span lasted %v: it did not cover the query until it was canceled", s.Duration)
		}
		// The pool recovers: the next query works.
		var n int
		if err := d.db.QueryRowContext(d.ctx, d.sql("SELECT count(*) FROM items")).Scan(&n); err != nil || n != 3 {
			t.Fatalf("after the cancellation: count %d, err %v", n, err)
		}
	})
}

func TestFailingStatement(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{})
		_, execErr := d.db.ExecContext(d.ctx, "INSERT INTO no_such_table VALUES (1)")
		if execErr == nil {
			t.Fatal("insert into a missing table succeeded")
		}
		_, queryErr := d.db.QueryContext(d.ctx, "SELEC 1")
		if queryErr == nil {
			t.Fatal("a syntax error succeeded")
		}
		spans := d.spans(t, zipkinsql.OpExec, zipkinsql.OpQuery)
		zipkintest.HasTag(t, spans[0], "error", execErr.Error())
		zipkintest.HasTag(t, spans[1], "error", queryErr.Error())
		zipkintest.HasTag(t, spans[1], zipkinsql.TagQuery, "SELEC 1")
	})
}

// TestConnectionReuseUnderConcurrency: eight goroutines, each under a span
// of its own, share three connections; every query span must be a child
// of its own goroutine's span.
func TestConnectionReuseUnderConcurrency(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{UntilRowsClosed: true})
		d.db.SetMaxOpenConns(3)
		const workers, each = 8, 25
		parents := make([]zipkin.SpanContext, workers)
		errs := make(chan error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			ctx, span := d.tracer.Start(d.ctx, fmt.Sprintf("worker.%d", w))
			parents[w] = span.Context()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer span.End(nil)
				for i := range each {
					id := 1 + (w+i)%3
					var name string
					if err := d.db.QueryRowContext(ctx, d.sql("SELECT name FROM items WHERE id = ?"), id).Scan(&name); err != nil {
						errs <- err
						return
					}
					if i%5 == 0 {
						if _, err := d.db.ExecContext(ctx, d.sql("UPDATE items SET price = price + 1 WHERE id = ?"), id); err != nil {
							errs <- err
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if open := d.db.Stats().OpenConnections; open > 3 {
			t.Errorf("%d connections open, max 3", open)
		}
		perWorker := map[zipkin.SpanID]int{}
		for _, s := range d.rec.Spans() {
			if !strings.HasPrefix(s.Name, "sql.") {
				continue
			}
			perWorker[s.ParentID]++
			if s.TraceID != d.parent.TraceID {
				t.Fatalf("%s in another trace", s.Name)
			}
			if s.Tags[zipkinsql.TagQuery] == "" || s.Tags["error"] != "" {
				t.Errorf("%s: tags %v", s.Name, s.Tags)
			}
		}
		for w, p := range parents {
			if got := perWorker[p.ID]; got != each+each/5 {
				t.Errorf("worker %d: %d sql spans under its span, want %d", w, got, each+each/5)
			}
		}
	})
}

// TestWrappedConnHasTheDriversInterfaces checks, on the real drivers,
// the interfaces database/sql acts on: the wrapped connection has them
// exactly when the driver's has.
func TestWrappedConnHasTheDriversInterfaces(t *testing.T) {
	each(t, func(t *testing.T, b backend) {
		d := open(t, b, zipkinsql.Options{})
		raw, err := sql.Open(b.driver, d.dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		shape := func(db *sql.DB) string {
			conn, err := db.Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			var out string
			conn.Raw(func(dc any) error {
				_, ec := dc.(driver.ExecerContext)
				_, qc := dc.(driver.QueryerContext)
				_, sr := dc.(driver.SessionResetter)
				_, v := dc.(driver.Validator)
				_, p := dc.(driver.Pinger)
				_, bt := dc.(driver.ConnBeginTx)
				_, pc := dc.(driver.ConnPrepareContext)
				out = fmt.Sprintf("ExecerContext %v QueryerContext %v SessionResetter %v Validator %v Pinger %v ConnBeginTx %v ConnPrepareContext %v", ec, qc, sr, v, p, bt, pc)
				return nil
			})
			return out
		}
		if got, want := shape(d.db), shape(raw); got != want {
			t.Errorf("wrapped connection:\n%s\nthe driver's:\n%s", got, want)
		}
	})
}

// TestWrapConnector uses the form for drivers that hand out a connector:
// pgx's stdlib.GetConnector, with the connection itself traced (Connect):
// the first call opens it, under the call's parent, and the second reuses
// it.
func TestWrapConnector(t *testing.T) {
	dsn := postgres.dsn(t)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	tr, rec := zipkin.NewTestTracer()
	db := sql.OpenDB(zipkinsql.WrapConnector(stdlib.GetConnector(*cfg), zipkinsql.Options{Tracer: tr, RemoteService: "orders-db", Ping: true, Connect: true}))
	defer db.Close()
	ctx, parent := tr.Start(context.Background(), "test.parent")
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	var one int
	if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1: %d, %v", one, err)
	}
	parent.End(nil)
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, zipkinsql.OpPing), parent.Context())
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, zipkinsql.OpQuery), parent.Context())
	connect := zipkintest.Named(t, rec, zipkinsql.OpConnect)
	zipkintest.ChildOf(t, connect, parent.Context())
	zipkintest.NoTag(t, connect, "error")

	// A server that refuses the login: the connect span records why.
	bad := *cfg
	bad.User = "nobody_here"
	tr, rec = zipkin.NewTestTracer()
	refused := sql.OpenDB(zipkinsql.WrapConnector(stdlib.GetConnector(bad), zipkinsql.Options{Tracer: tr, Connect: true}))
	defer refused.Close()
	ctx, parent = tr.Start(context.Background(), "test.parent")
	if err := refused.PingContext(ctx); err == nil {
		t.Fatal("ping as an unknown role succeeded")
	}
	parent.End(nil)
	failed := zipkintest.Named(t, rec, zipkinsql.OpConnect)
	zipkintest.ChildOf(t, failed, parent.Context())
	if failed.Tags["error"] == "" {
		t.Errorf("connect refused: no error tag in %v", failed.Tags)
	}
}
