package zipkinsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// openFake opens a database over the full fake driver, traced with a
// recording tracer, and returns it with a parent span's context.
func openFake(t *testing.T, o Options) (*sql.DB, *zipkin.Recorder, context.Context, zipkin.SpanContext) {
	t.Helper()
	tr, rec := zipkin.NewTestTracer()
	o.Tracer = tr
	fc, _ := newFakeConnector(fullShape)
	db := sql.OpenDB(WrapConnector(fc, o))
	t.Cleanup(func() { db.Close() })
	ctx, parent := tr.Start(context.Background(), "parent")
	t.Cleanup(func() { parent.End(nil) })
	return db, rec, ctx, parent.Context()
}

func TestQuerySpanIsClientChildWithTags(t *testing.T) {
	db, rec, ctx, parent := openFake(t, Options{RemoteService: "orders-db"})
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM items WHERE id = ?", 42)
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	s := zipkintest.Named(t, rec, OpQuery)
	zipkintest.ChildOf(t, s, parent)
	zipkintest.HasTag(t, s, TagQuery, "SELECT id, name FROM items WHERE id = ?")
	zipkintest.NoTag(t, s, "error")
	if s.Kind != zipkin.Client {
		t.Errorf("kind %v, want CLIENT", s.Kind)
	}
	if s.RemoteEndpoint.ServiceName != "orders-db" {
		t.Errorf("remote service %q, want orders-db", s.RemoteEndpoint.ServiceName)
	}
	for k, v := range s.Tags {
		if strings.Contains(v, "42") {
			t.Errorf("tag %s=%q holds the argument", k, v)
		}
	}
}

func TestEveryOperationHasItsSpan(t *testing.T) {
	db, rec, ctx, parent := openFake(t, Options{Ping: true})
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT plain"); err != nil {
		t.Fatal(err)
	}
	stmt, err := db.PrepareContext(ctx, "SELECT stmt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		t.Fatal(err)
	}
	stmt.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	tx, _ = db.BeginTx(ctx, nil)
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range rec.Spans() {
		names = append(names, s.Name)
		zipkintest.ChildOf(t, s, parent)
		if s.Kind != zipkin.Client {
			t.Errorf("%s: kind %v, want CLIENT", s.Name, s.Kind)
		}
	}
	want := "sql.ping sql.exec sql.prepare sql.exec sql.begin sql.commit sql.begin sql.rollback"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("spans %q, want %q", got, want)
	}
	zipkintest.HasTag(t, rec.Spans()[3], TagQuery, "SELECT stmt")
}

func TestNoParentNoSpanUnlessNewTraces(t *testing.T) {
	db, rec, _, _ := openFake(t, Options{})
	if _, err := db.ExecContext(context.Background(), "INSERT plain"); err != nil {
		t.Fatal(err)
	}
	if n := len(rec.Spans()); n != 0 {
		t.Errorf("%d spans without a parent, want none", n)
	}

	db, rec, _, _ = openFake(t, Options{NewTraces: true})
	if _, err := db.ExecContext(context.Background(), "INSERT plain"); err != nil {
		t.Fatal(err)
	}
	zipkintest.IsRoot(t, zipkintest.Named(t, rec, OpExec))
}

func TestUnsampledParentNoSpan(t *testing.T) {
	db, rec, _, _ := openFake(t, Options{NewTraces: true})
	ctx := zipkin.ContextWithSpanContext(context.Background(), zipkin.SpanContext{
		TraceID: zipkin.TraceID{Low: 1}, ID: 2, Sampling: zipkin.Deny})
	if _, err := db.ExecContext(ctx, "INSERT plain"); err != nil {
		t.Fatal(err)
	}
	if n := len(rec.Spans()); n != 0 {
		t.Errorf("%d spans in an unsampled trace, want none", n)
	}
}

func TestPingAndResetOnlyWhenAsked(t *testing.T) {
	db, rec, ctx, _ := openFake(t, Options{})
	db.PingContext(ctx)
	db.ExecContext(ctx, "INSERT one") // the second use of the connection resets its session
	db.ExecContext(ctx, "INSERT two")
	for _, s := range rec.Spans() {
		if s.Name == OpPing || s.Name == OpResetSession {
			t.Errorf("span %s recorded without being asked for", s.Name)
		}
	}
	db, rec, ctx, _ = openFake(t, Options{Ping: true, ResetSession: true})
	db.PingContext(ctx)
	db.ExecContext(ctx, "INSERT one")
	zipkintest.Named(t, rec, OpPing)
	if len(spansNamed(rec, OpResetSession)) == 0 {
		t.Error("no sql.reset_session span with ResetSession set")
	}
}

func spansNamed(rec *zipkin.Recorder, name string) []zipkin.RecordedSpan {
	var out []zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

func TestErrorsAndControlValues(t *testing.T) {
	db, rec, ctx, _ := openFake(t, Options{})
	if _, err := db.ExecContext(ctx, "INSERT FAIL"); !errors.Is(err, errFake) {
		t.Fatalf("err %v, want errFake", err)
	}
	zipkintest.HasTag(t, zipkintest.Named(t, rec, OpExec), "error", errFake.Error())

	rec.Reset()
	if _, err := db.ExecContext(ctx, "INSERT SKIP"); err != nil {
		t.Fatal(err)
	}
	// database/sql falls back to prepare + statement exec after ErrSkip.
	spans := rec.Spans()
	if len(spans) != 3 || spans[0].Name != OpExec || spans[1].Name != OpPrepare || spans[2].Name != OpExec {
		t.Fatalf("spans after ErrSkip: %+v", spans)
	}
	zipkintest.NoTag(t, spans[0], "error")
	zipkintest.HasTag(t, spans[0], TagSkipped, "true")
	zipkintest.NoTag(t, spans[2], TagSkipped)

	rec.Reset()
	if _, err := db.ExecContext(ctx, "INSERT BADCONN"); err != nil {
		t.Fatal(err) // database/sql retried on a new connection
	}
	spans = rec.Spans()
	var bad, good int
	for _, s := range spans {
		if s.Tags["error"] != "" {
			t.Errorf("%s tagged error %q after a retried ErrBadConn", s.Name, s.Tags["error"])
		}
		if s.Tags[TagBadConn] == "true" {
			bad++
		} else {
			good++
		}
	}
	if bad != 1 || good != 1 {
		t.Errorf("after one ErrBadConn: %d bad and %d good spans, want 1 and 1: %+v", bad, good, spans)
	}

	rec.Reset()
	ctx2, cancel := context.WithCancel(ctx)
	go cancel()
	if _, err := db.ExecContext(ctx2, "INSERT BLOCK"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if s := spansNamed(rec, OpExec); len(s) == 1 {
		zipkintest.HasTag(t, s[0], "error", context.Canceled.Error())
	}
}

func TestUntilRowsClosed(t *testing.T) {
	db, rec, ctx, parent := openFake(t, Options{UntilRowsClosed: true})
	rows, err := db.QueryContext(ctx, "SELECT ROWSFAIL")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rec.Spans()); n != 0 {
		t.Fatalf("%d spans ended before the rows were closed", n)
	}
	for rows.Next() {
	}
	if !errors.Is(rows.Err(), errFake) {
		t.Fatalf("rows.Err() = %v", rows.Err())
	}
	rows.Close()
	s := zipkintest.Named(t, rec, OpQuery)
	zipkintest.ChildOf(t, s, parent)
	zipkintest.HasTag(t, s, "error", errFake.Error())

	rec.Reset()
	rows, _ = db.QueryContext(ctx, "SELECT MULTI")
	for rows.Next() {
	}
	for rows.NextResultSet() {
		for rows.Next() {
		}
	}
	rows.Close()
	zipkintest.NoTag(t, zipkintest.Named(t, rec, OpQuery), "error") // io.EOF is the end, not an error

	rec.Reset()
	var id int
	if err := db.QueryRowContext(ctx, "SELECT EMPTY").Scan(&id); err != sql.ErrNoRows {
		t.Fatalf("err %v, want sql.ErrNoRows", err)
	}
	zipkintest.NoTag(t, zipkintest.Named(t, rec, OpQuery), "error")
}

func TestQueryTagCapAndOmit(t *testing.T) {
	long := "SELECT '" + strings.Repeat("é", 40) + "'"
	db, rec, ctx, _ := openFake(t, Options{MaxQueryBytes: 21})
	db.ExecContext(ctx, long)
	got := zipkintest.Named(t, rec, OpExec).Tags[TagQuery]
	if got != "SELECT 'éééééé…" {
		t.Errorf("capped tag %q", got)
	}

	db, rec, ctx, _ = openFake(t, Options{OmitQuery: true})
	db.ExecContext(ctx, "INSERT secret")
	zipkintest.NoTag(t, zipkintest.Named(t, rec, OpExec), TagQuery)
}

func TestSpanName(t *testing.T) {
	db, rec, ctx, _ := openFake(t, Options{SpanName: VerbSpanName})
	db.ExecContext(ctx, "  /* c */ -- x\n insert INTO t VALUES (1)")
	db.QueryRowContext(ctx, "SELECT 1").Scan(new(int))
	db.ExecContext(ctx, "VACUUM")
	tx, _ := db.BeginTx(ctx, nil)
	tx.Commit()
	var names []string
	for _, s := range rec.Spans() {
		names = append(names, s.Name)
	}
	if got, want := strings.Join(names, " "), "sql.insert sql.select sql.exec sql.begin sql.commit"; got != want {
		t.Errorf("names %q, want %q", got, want)
	}
}

var registerFake sync.Once

func TestOpenByName(t *testing.T) {
	tr, rec := zipkin.NewTestTracer()
	registerFake.Do(func() {
		sql.Register("zipkinsql-fake", &fakeDriver{log: &fakeLog{}, shape: fullShape, conns: new(int)})
	})
	db, err := Open("zipkinsql-fake", "dsn", Options{Tracer: tr})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, parent := tr.Start(context.Background(), "parent")
	defer parent.End(nil)
	if _, err := db.ExecContext(ctx, "INSERT plain"); err != nil {
		t.Fatal(err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, OpExec), parent.Context())
}

func TestConcurrentUse(t *testing.T) {
	db, rec, ctx, parent := openFake(t, Options{UntilRowsClosed: true})
	db.SetMaxOpenConns(3)
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			var err error
			for i := 0; i < 50 && err == nil; i++ {
				var rows *sql.Rows
				rows, err = db.QueryContext(ctx, "SELECT")
				if err == nil {
					for rows.Next() {
					}
					err = rows.Close()
				}
			}
			done <- err
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	spans := spansNamed(rec, OpQuery)
	if len(spans) != 400 {
		t.Fatalf("%d query spans, want 400", len(spans))
	}
	for _, s := range spans {
		zipkintest.ChildOf(t, s, parent)
	}
}

// failingConnector is a connector whose connections all fail.
type failingConnector struct{ driver.Connector }

func (failingConnector) Connect(context.Context) (driver.Conn, error) { return nil, errFake }

// TestConnectSpan: with Options.Connect, the connection a call opens is a
// span under the call's parent, tagged with the failure when it fails;
// without it, connecting records nothing.
func TestConnectSpan(t *testing.T) {
	db, rec, ctx, parent := openFake(t, Options{Connect: true, RemoteService: "db"})
	if _, err := db.ExecContext(ctx, "INSERT first"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT reuses the connection"); err != nil {
		t.Fatal(err)
	}
	var connects []zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if s.Name == OpConnect {
			connects = append(connects, s)
		}
	}
	if len(connects) != 1 {
		t.Fatalf("%d %s spans, want 1 (the second call reuses the connection)", len(connects), OpConnect)
	}
	zipkintest.ChildOf(t, connects[0], parent)
	zipkintest.NoTag(t, connects[0], "error")
	if connects[0].Kind != zipkin.Client || connects[0].RemoteEndpoint.ServiceName != "db" {
		t.Errorf("kind %v remote %+v, want a CLIENT span to db", connects[0].Kind, connects[0].RemoteEndpoint)
	}

	tr, rec := zipkin.NewTestTracer()
	fc, _ := newFakeConnector(fullShape)
	failing := sql.OpenDB(WrapConnector(failingConnector{fc}, Options{Tracer: tr, Connect: true}))
	defer failing.Close()
	fctx, fparent := tr.Start(context.Background(), "parent")
	if _, err := failing.ExecContext(fctx, "INSERT x"); !errors.Is(err, errFake) {
		t.Fatalf("err %v, want %v", err, errFake)
	}
	fparent.End(nil)
	s := zipkintest.Named(t, rec, OpConnect)
	zipkintest.HasTag(t, s, "error", errFake.Error())

	db, rec, ctx, _ = openFake(t, Options{})
	if _, err := db.ExecContext(ctx, "INSERT x"); err != nil {
		t.Fatal(err)
	}
	for _, s := range rec.Spans() {
		if s.Name == OpConnect {
			t.Error("a connect span without Options.Connect")
		}
	}
}
