//lint:file-ignore SA1019 the tests cover the deprecated interfaces that drivers still implement

package zipkinsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// shapes are the fake drivers the equivalence test runs: every optional
// interface present; then without each one, and each pair, of the
// connection's; every subset of the statement's and the rows'; the
// connector without io.Closer; the driver without DriverContext.
func shapes() map[string]fakeShape {
	out := map[string]fakeShape{"full": fullShape}
	connNames := []string{"Pinger", "Execer", "ExecerContext", "Queryer", "QueryerContext",
		"ConnPrepareContext", "ConnBeginTx", "SessionResetter", "Validator", "NamedValueChecker"}
	for i := range connNames {
		for j := i; j < len(connNames); j++ {
			s := fullShape
			s.conn &^= 1<<i | 1<<j
			name := "conn without " + connNames[i]
			if j != i {
				name += " and " + connNames[j]
			}
			out[name] = s
		}
	}
	for m := uint(0); m < 1<<4; m++ {
		s := fullShape
		s.stmt = m
		out[fmt.Sprintf("stmt %04b", m)] = s
	}
	for m := uint(0); m < 1<<6; m++ {
		s := fullShape
		s.rows = m
		out[fmt.Sprintf("rows %06b", m)] = s
	}
	noCloser, noDriverContext := fullShape, fullShape
	noCloser.connector, noDriverContext.driver = 0, 0
	out["connector without io.Closer"] = noCloser
	out["driver without DriverContext"] = noDriverContext
	return out
}

// TestSameBehaviourWithEveryShape runs one script of database/sql calls
// against the fake driver with and without zipkinsql, for every shape:
// the results and the calls the driver saw, in order, must be the same.
// The wrapped run is traced (a sampled parent, spans until rows close), so
// every traced path is taken.
func TestSameBehaviourWithEveryShape(t *testing.T) {
	for name, shape := range shapes() {
		for _, rowsClosed := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/UntilRowsClosed=%v", name, rowsClosed), func(t *testing.T) {
				t.Parallel()
				rawConnector, rawLog := newFakeConnector(shape)
				rawOut := script(context.Background(), sql.OpenDB(rawConnector), t.Name())

				tr, rec := zipkin.NewTestTracer()
				ctx, parent := tr.Start(context.Background(), "parent")
				fc, wrappedLog := newFakeConnector(shape)
				o := Options{Tracer: tr, RemoteService: "db", UntilRowsClosed: rowsClosed, Ping: true, ResetSession: true, Connect: true}
				wrappedOut := script(ctx, sql.OpenDB(WrapConnector(fc, o)), t.Name())
				parent.End(nil)

				if diff := lineDiff(rawOut, wrappedOut); diff != "" {
					t.Errorf("database/sql's results differ with zipkinsql (-raw +wrapped):\n%s", diff)
				}
				if diff := lineDiff(rawLog.calls, wrappedLog.calls); diff != "" {
					t.Errorf("the driver saw different calls with zipkinsql (-raw +wrapped):\n%s", diff)
				}
				if len(rec.Spans()) < 10 {
					t.Errorf("only %d spans recorded: the traced paths were not taken", len(rec.Spans()))
				}
			})
		}
	}
}

type myInt int

// script exercises every path of database/sql that depends on a driver's
// optional interfaces, and returns what it observed. token names the run's
// statements that cancel their own context (CANCEL), the same in the raw
// and the wrapped run.
func script(ctx context.Context, db *sql.DB, token string) []string {
	var out []string
	note := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	e := func(err error) string {
		if err == nil {
			return "ok"
		}
		return "error: " + err.Error()
	}
	exec := func(c context.Context, q string, args ...any) {
		res, err := db.ExecContext(c, q, args...)
		n := int64(-1)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		note("exec %q %v: %d %s", q, args, n, e(err))
	}
	query := func(q string, args ...any) {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			note("query %q: %s", q, e(err))
			return
		}
		note("query %q: %s", q, readAll(rows))
	}

	note("ping: %s", e(db.PingContext(ctx)))
	exec(ctx, "INSERT plain", 1, "a")
	exec(ctx, "INSERT named", sql.Named("id", 1))
	exec(ctx, "INSERT special", fakeSpecial{"conn"})
	exec(ctx, "INSERT special", fakeSpecial{"stmt"})
	exec(ctx, "INSERT converted", myInt(3))
	exec(ctx, "INSERT SKIP", 1)
	exec(ctx, "INSERT FAIL")
	exec(ctx, "INSERT BADCONN")
	query("SELECT MULTI", 1)
	query("SELECT ROWSFAIL")
	query("SELECT SKIP", sql.Named("id", 2))
	query("SELECT FAIL")
	var id int
	note("query row EMPTY: %s", e(db.QueryRowContext(ctx, "SELECT EMPTY").Scan(&id)))

	stmt, err := db.PrepareContext(ctx, "SELECT stmt")
	note("prepare: %s", e(err))
	if err == nil {
		rows, err := stmt.QueryContext(ctx, 7)
		if err == nil {
			note("stmt query: %s", readAll(rows))
		} else {
			note("stmt query: %s", e(err))
		}
		_, err = stmt.ExecContext(ctx, sql.Named("n", 8))
		note("stmt exec named: %s", e(err))
		_, err = stmt.ExecContext(ctx, fakeSpecial{"stmt"}, myInt(4))
		note("stmt exec special: %s", e(err))
		note("stmt close: %s", e(stmt.Close()))
	}
	_, err = db.PrepareContext(ctx, "SELECT FAIL")
	note("prepare FAIL: %s", e(err))

	tx, err := db.BeginTx(ctx, nil)
	note("begin: %s", e(err))
	if err == nil {
		_, err = tx.ExecContext(ctx, "UPDATE in tx", 1)
		note("tx exec: %s", e(err))
		note("commit: %s", e(tx.Commit()))
	}
	for _, opts := range []*sql.TxOptions{{Isolation: sql.LevelSerializable}, {ReadOnly: true}, nil} {
		tx, err := db.BeginTx(ctx, opts)
		note("begin %+v: %s", opts, e(err))
		if err == nil {
			note("rollback: %s", e(tx.Rollback()))
		}
	}
	exec(ctx, "INSERT after rollback", 1) // on the same connection only if it was kept

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	exec(canceled, "INSERT canceled")
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	exec(short, "INSERT BLOCK")
	cancel()
	// Canceled while the driver prepares: without ConnPrepareContext,
	// database/sql closes the statement and returns the context's error.
	prep := "SELECT CANCEL " + token
	during, cancel := context.WithCancel(ctx)
	cancels.Store(prep, cancel)
	stmt, err = db.PrepareContext(during, prep)
	note("prepare canceled during: %s", e(err))
	if err == nil {
		note("stmt close: %s", e(stmt.Close()))
	}
	cancels.Delete(prep)
	cancel()
	conn, err := db.Conn(ctx)
	if err == nil {
		err = conn.Raw(func(dc any) error {
			_, isResetter := dc.(driver.SessionResetter)
			_, isValidator := dc.(driver.Validator)
			note("raw conn: resetter %v validator %v", isResetter, isValidator)
			return nil
		})
		note("raw: %s", e(err))
		note("conn close: %s", e(conn.Close()))
	}
	note("close: %s", e(db.Close()))
	return out
}

// readAll reads every result set of rows, with their column types, and
// closes them.
func readAll(rows *sql.Rows) string {
	var b strings.Builder
	for set := 0; ; set++ {
		types, err := rows.ColumnTypes()
		if err != nil {
			fmt.Fprintf(&b, "[types: %v]", err)
		}
		for _, ct := range types {
			l, lok := ct.Length()
			n, nok := ct.Nullable()
			p, s, pok := ct.DecimalSize()
			fmt.Fprintf(&b, "[%s %v %q %d/%v %v/%v %d,%d/%v]", ct.Name(), ct.ScanType(), ct.DatabaseTypeName(), l, lok, n, nok, p, s, pok)
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				fmt.Fprintf(&b, " scan: %v", err)
			}
			fmt.Fprintf(&b, " (%d %s)", id, name)
		}
		if !rows.NextResultSet() {
			break
		}
		fmt.Fprintf(&b, " | ")
	}
	fmt.Fprintf(&b, " err: %v close: %v", rows.Err(), rows.Close())
	return b.String()
}

// lineDiff lists the lines where a and b differ, or "".
func lineDiff(a, b []string) string {
	var out strings.Builder
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			fmt.Fprintf(&out, "%d:\n- %s\n+ %s\n", i, x, y)
		}
	}
	return out.String()
}

// TestWrappedInterfaces checks the wrappers' interfaces directly, for
// every shape: the ones whose presence database/sql acts on exactly as
// the driver's value has them, the others always.
func TestWrappedInterfaces(t *testing.T) {
	for name, shape := range shapes() {
		fc, _ := newFakeConnector(shape)
		wc := WrapConnector(fc, Options{})
		ctx := context.Background()
		base, _ := fc.Connect(ctx)
		wrapped, _ := wc.Connect(ctx)
		check := func(what string, got, want bool) {
			t.Helper()
			if got != want {
				t.Errorf("%s: wrapped %s: got %v, want %v", name, what, got, want)
			}
		}
		check("conn ExecerContext", is[driver.ExecerContext](wrapped), is[driver.ExecerContext](base) || is[driver.Execer](base))
		check("conn QueryerContext", is[driver.QueryerContext](wrapped), is[driver.QueryerContext](base) || is[driver.Queryer](base))
		check("conn SessionResetter", is[driver.SessionResetter](wrapped), is[driver.SessionResetter](base))
		check("conn Validator", is[driver.Validator](wrapped), is[driver.Validator](base))
		check("conn Execer", is[driver.Execer](wrapped), false)
		check("conn Queryer", is[driver.Queryer](wrapped), false)
		for _, always := range []bool{is[driver.Pinger](wrapped), is[driver.ConnPrepareContext](wrapped),
			is[driver.ConnBeginTx](wrapped), is[driver.NamedValueChecker](wrapped)} {
			check("conn Pinger, ConnPrepareContext, ConnBeginTx, NamedValueChecker", always, true)
		}
		check("connector io.Closer", is[io.Closer](wc), is[io.Closer](fc))
		check("driver DriverContext", is[driver.DriverContext](wc.Driver()), is[driver.DriverContext](fc.Driver()))

		baseStmt, _ := base.Prepare("SELECT 1")
		wrappedStmt, _ := wrapped.Prepare("SELECT 1")
		check("stmt ColumnConverter", is[driver.ColumnConverter](wrappedStmt), is[driver.ColumnConverter](baseStmt))
		check("stmt StmtExecContext", is[driver.StmtExecContext](wrappedStmt), true)
		check("stmt StmtQueryContext", is[driver.StmtQueryContext](wrappedStmt), true)
		check("stmt NamedValueChecker", is[driver.NamedValueChecker](wrappedStmt), true)

		baseRows, _ := baseStmt.Query(nil)
		wrappedRows := wrapRows(baseRows, nil)
		check("rows RowsNextResultSet", is[driver.RowsNextResultSet](wrappedRows), is[driver.RowsNextResultSet](baseRows))
		check("rows RowsColumnTypeScanType", is[driver.RowsColumnTypeScanType](wrappedRows), true)
	}
}

// TestErrorsReachDatabaseSQLUnchanged: database/sql compares driver.ErrSkip
// and recognizes driver.ErrBadConn; the wrapper must hand back the very
// values the driver returned.
func TestErrorsReachDatabaseSQLUnchanged(t *testing.T) {
	tr, _ := zipkin.NewTestTracer()
	ctx, parent := tr.Start(context.Background(), "parent")
	defer parent.End(nil)
	fc, _ := newFakeConnector(fullShape)
	c, _ := WrapConnector(fc, Options{Tracer: tr}).Connect(ctx)
	_, err := c.(driver.ExecerContext).ExecContext(ctx, "SKIP", nil)
	if err != driver.ErrSkip {
		t.Errorf("ErrSkip became %v", err)
	}
	_, err = c.(driver.QueryerContext).QueryContext(ctx, "BADCONN", nil)
	if err != driver.ErrBadConn {
		t.Errorf("ErrBadConn became %v", err)
	}
	_, err = c.(driver.QueryerContext).QueryContext(ctx, "FAIL", nil)
	if !errors.Is(err, errFake) {
		t.Errorf("the driver's error became %v", err)
	}
}
