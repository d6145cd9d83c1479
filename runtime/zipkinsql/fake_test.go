//lint:file-ignore SA1019 the tests cover the deprecated interfaces that drivers still implement

package zipkinsql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
)

// The fake driver below is for unit tests only (behaviour tests use
// SQLite and PostgreSQL: internal/dbtest). Each of its types implements
// every optional interface of database/sql/driver, and a shape chooses
// which ones the values it hands out have (comboFake*, generated), so a
// test can take any interface away. Every call is written to a log, so
// that a test can compare what the driver saw with and without zipkinsql.
//
// Statements are not parsed; words in them choose the behaviour:
//
//	FAIL     the call fails with errFake
//	SKIP     ExecContext and QueryContext on the connection return driver.ErrSkip
//	BADCONN  the first such call through the driver returns driver.ErrBadConn
//	EMPTY    the query returns no rows
//	ROWSFAIL reading the second row fails with errFake
//	BLOCK    the call waits for its context to end and returns its error
//	CANCEL   the call cancels the context stored under its text in cancels,
//	         and succeeds (a driver that does not look at its context)
//	MULTI    the rows have a second result set
//
// Queries return two rows (1, "one"), (2, "two") in columns id and name.

var errFake = errors.New("fake: statement failed")

// cancels holds, by statement text, the cancel function a CANCEL call
// calls: the legacy calls (Prepare, Query) are given no context to find it
// in.
var cancels sync.Map

type fakeShape struct {
	conn, stmt, rows, connector, driver uint
}

// fullShape has every optional interface.
var fullShape = fakeShape{conn: 1<<10 - 1, stmt: 1<<4 - 1, rows: 1<<6 - 1, connector: 1, driver: 1}

type fakeLog struct {
	mu    sync.Mutex
	calls []string
	off   bool // for allocation counts and benchmarks
}

func (l *fakeLog) add(format string, args ...any) {
	if l.off {
		return
	}
	l.mu.Lock()
	l.calls = append(l.calls, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *fakeLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.calls, "\n")
}

type fakeDriver struct {
	log     *fakeLog
	shape   fakeShape
	mu      sync.Mutex // guards conns and badDone: database/sql connects concurrently
	conns   *int
	badDone bool // BADCONN failed once
}

func newFakeConnector(shape fakeShape) (driver.Connector, *fakeLog) {
	log := &fakeLog{}
	d := &fakeDriver{log: log, shape: shape, conns: new(int)}
	return comboFakeConnector(&fakeConnector{d: d}, shape.connector), log
}

func (d *fakeDriver) Open(name string) (driver.Conn, error) {
	d.log.add("driver.Open %s", name)
	c, _ := d.newConn()
	return c, nil
}

func (d *fakeDriver) newConn() (driver.Conn, int) {
	d.mu.Lock()
	*d.conns++
	id := *d.conns
	d.mu.Unlock()
	return comboFakeConn(&fakeConn{d: d, id: id}, d.shape.conn), id
}

type fakeDriverContext fakeDriver

func (d *fakeDriverContext) OpenConnector(name string) (driver.Connector, error) {
	d.log.add("driver.OpenConnector %s", name)
	return comboFakeConnector(&fakeConnector{d: (*fakeDriver)(d)}, d.shape.connector), nil
}

type fakeConnector struct{ d *fakeDriver }

func (c *fakeConnector) Connect(context.Context) (driver.Conn, error) {
	conn, id := c.d.newConn()
	c.d.log.add("connector.Connect -> conn%d", id)
	return conn, nil
}

func (c *fakeConnector) Driver() driver.Driver {
	return comboFakeDriver(c.d, c.d.shape.driver)
}

type fakeConnectorCloser fakeConnector

func (c *fakeConnectorCloser) Close() error {
	c.d.log.add("connector.Close")
	return nil
}

type fakeConn struct {
	d  *fakeDriver
	id int
}

func (c *fakeConn) logf(format string, args ...any) {
	if c.d.log.off {
		return
	}
	c.d.log.add("conn%d.%s", c.id, fmt.Sprintf(format, args...))
}

// run is the behaviour of every statement.
func (c *fakeConn) run(ctx context.Context, query string, connLevel bool) error {
	switch {
	case strings.Contains(query, "FAIL") && !strings.Contains(query, "ROWSFAIL"):
		return errFake
	case connLevel && strings.Contains(query, "SKIP"):
		return driver.ErrSkip
	case strings.Contains(query, "BADCONN") && c.d.failOnce():
		return driver.ErrBadConn
	case strings.Contains(query, "BLOCK") && ctx.Done() == nil:
		return errors.New("fake: BLOCK needs a context")
	case strings.Contains(query, "BLOCK"):
		<-ctx.Done()
		return ctx.Err()
	case strings.Contains(query, "CANCEL"):
		if cancel, ok := cancels.Load(query); ok {
			cancel.(context.CancelFunc)()
		}
	}
	return nil
}

// failOnce reports true the first time only.
func (d *fakeDriver) failOnce() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	first := !d.badDone
	d.badDone = true
	return first
}

func (c *fakeConn) Prepare(query string) (driver.Stmt, error) {
	c.logf("Prepare %q", query)
	return c.prepare(context.Background(), query)
}

func (c *fakeConn) prepare(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.run(ctx, query, false); err != nil {
		return nil, err
	}
	return comboFakeStmt(&fakeStmt{c: c, query: query}, c.d.shape.stmt), nil
}

func (c *fakeConn) Close() error { c.logf("Close"); return nil }

func (c *fakeConn) Begin() (driver.Tx, error) {
	c.logf("Begin")
	return &fakeTx{c: c}, nil
}

func (c *fakeConn) exec(ctx context.Context, query string, args []driver.NamedValue, connLevel bool) (driver.Result, error) {
	if err := c.run(ctx, query, connLevel); err != nil {
		return nil, err
	}
	return driver.RowsAffected(len(args)), nil
}

func (c *fakeConn) query(ctx context.Context, query string, connLevel bool) (driver.Rows, error) {
	if err := c.run(ctx, query, connLevel); err != nil {
		return nil, err
	}
	r := &fakeRows{c: c, empty: strings.Contains(query, "EMPTY"), fail: strings.Contains(query, "ROWSFAIL"), multi: strings.Contains(query, "MULTI")}
	return comboFakeRows(r, c.d.shape.rows), nil
}

func fmtArgs(args []driver.NamedValue) string {
	var b strings.Builder
	for _, a := range args {
		fmt.Fprintf(&b, " %s#%d=%T(%v)", a.Name, a.Ordinal, a.Value, a.Value)
	}
	return b.String()
}

func fmtValues(args []driver.Value) string {
	var b strings.Builder
	for _, a := range args {
		fmt.Fprintf(&b, " %T(%v)", a, a)
	}
	return b.String()
}

type fakeConnPinger fakeConn

func (c *fakeConnPinger) Ping(context.Context) error { (*fakeConn)(c).logf("Ping"); return nil }

type fakeConnExecer fakeConn

func (c *fakeConnExecer) Exec(query string, args []driver.Value) (driver.Result, error) {
	(*fakeConn)(c).logf("Exec %q%s", query, fmtValues(args))
	return (*fakeConn)(c).exec(context.Background(), query, named(args), true)
}

type fakeConnExecerContext fakeConn

func (c *fakeConnExecerContext) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	(*fakeConn)(c).logf("ExecContext %q%s", query, fmtArgs(args))
	return (*fakeConn)(c).exec(ctx, query, args, true)
}

type fakeConnQueryer fakeConn

func (c *fakeConnQueryer) Query(query string, args []driver.Value) (driver.Rows, error) {
	(*fakeConn)(c).logf("Query %q%s", query, fmtValues(args))
	return (*fakeConn)(c).query(context.Background(), query, true)
}

type fakeConnQueryerContext fakeConn

func (c *fakeConnQueryerContext) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	(*fakeConn)(c).logf("QueryContext %q%s", query, fmtArgs(args))
	return (*fakeConn)(c).query(ctx, query, true)
}

type fakeConnPrepareContext fakeConn

func (c *fakeConnPrepareContext) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	(*fakeConn)(c).logf("PrepareContext %q", query)
	return (*fakeConn)(c).prepare(ctx, query)
}

type fakeConnBeginTx fakeConn

func (c *fakeConnBeginTx) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	(*fakeConn)(c).logf("BeginTx %+v", opts)
	return &fakeTx{c: (*fakeConn)(c)}, nil
}

type fakeConnSessionResetter fakeConn

func (c *fakeConnSessionResetter) ResetSession(context.Context) error {
	(*fakeConn)(c).logf("ResetSession")
	return nil
}

type fakeConnValidator fakeConn

func (c *fakeConnValidator) IsValid() bool { (*fakeConn)(c).logf("IsValid"); return true }

// fakeSpecial is an argument type only the fake's checkers accept.
type fakeSpecial struct{ v string }

type fakeConnNamedValueChecker fakeConn

func (c *fakeConnNamedValueChecker) CheckNamedValue(nv *driver.NamedValue) error {
	(*fakeConn)(c).logf("CheckNamedValue %T", nv.Value)
	if s, ok := nv.Value.(fakeSpecial); ok {
		nv.Value = "conn-checked:" + s.v
		return nil
	}
	return driver.ErrSkip
}

type fakeTx struct{ c *fakeConn }

func (t *fakeTx) Commit() error   { t.c.logf("Commit"); return nil }
func (t *fakeTx) Rollback() error { t.c.logf("Rollback"); return nil }

type fakeStmt struct {
	c     *fakeConn
	query string
}

func (s *fakeStmt) logf(format string, args ...any) {
	if s.c.d.log.off {
		return
	}
	s.c.logf("stmt(%q).%s", s.query, fmt.Sprintf(format, args...))
}

func (s *fakeStmt) Close() error  { s.logf("Close"); return nil }
func (s *fakeStmt) NumInput() int { return -1 }

func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	s.logf("Exec%s", fmtValues(args))
	return s.c.exec(context.Background(), s.query, named(args), false)
}

func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	s.logf("Query%s", fmtValues(args))
	return s.c.query(context.Background(), s.query, false)
}

type fakeStmtExecContext fakeStmt

func (s *fakeStmtExecContext) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	(*fakeStmt)(s).logf("ExecContext%s", fmtArgs(args))
	return s.c.exec(ctx, s.query, args, false)
}

type fakeStmtQueryContext fakeStmt

func (s *fakeStmtQueryContext) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	(*fakeStmt)(s).logf("QueryContext%s", fmtArgs(args))
	return s.c.query(ctx, s.query, false)
}

type fakeStmtNamedValueChecker fakeStmt

func (s *fakeStmtNamedValueChecker) CheckNamedValue(nv *driver.NamedValue) error {
	(*fakeStmt)(s).logf("CheckNamedValue %T", nv.Value)
	if sp, ok := nv.Value.(fakeSpecial); ok && strings.HasPrefix(sp.v, "stmt") {
		nv.Value = "stmt-checked:" + sp.v
		return nil
	}
	return driver.ErrSkip
}

type fakeStmtColumnConverter fakeStmt

func (s *fakeStmtColumnConverter) ColumnConverter(idx int) driver.ValueConverter {
	(*fakeStmt)(s).logf("ColumnConverter %d", idx)
	return prefixConverter{}
}

// prefixConverter marks the values it converts, so that a test sees which
// converter database/sql used.
type prefixConverter struct{}

func (prefixConverter) ConvertValue(v any) (driver.Value, error) {
	return fmt.Sprintf("cc:%v", v), nil
}

type fakeRows struct {
	c                  *fakeConn
	empty, fail, multi bool
	n, set             int
}

func (r *fakeRows) Columns() []string { return []string{"id", "name"} }
func (r *fakeRows) Close() error      { r.c.logf("rows.Close"); return nil }

func (r *fakeRows) Next(dest []driver.Value) error {
	if r.empty || r.n == 2 {
		return io.EOF
	}
	r.n++
	if r.fail && r.n == 2 {
		return errFake
	}
	dest[0], dest[1] = int64(r.n+10*r.set), []string{"one", "two"}[r.n-1]
	return nil
}

type fakeRowsNextResultSet fakeRows

func (r *fakeRowsNextResultSet) HasNextResultSet() bool { return r.multi && r.set == 0 }
func (r *fakeRowsNextResultSet) NextResultSet() error {
	if !r.multi || r.set > 0 {
		return io.EOF
	}
	r.set, r.n = 1, 0
	return nil
}

type fakeRowsScanType fakeRows

func (r *fakeRowsScanType) ColumnTypeScanType(i int) reflect.Type {
	return []reflect.Type{reflect.TypeFor[int64](), reflect.TypeFor[string]()}[i]
}

type fakeRowsDatabaseTypeName fakeRows

func (r *fakeRowsDatabaseTypeName) ColumnTypeDatabaseTypeName(i int) string {
	return []string{"INTEGER", "TEXT"}[i]
}

type fakeRowsLength fakeRows

func (r *fakeRowsLength) ColumnTypeLength(i int) (int64, bool) { return 40, i == 1 }

type fakeRowsNullable fakeRows

func (r *fakeRowsNullable) ColumnTypeNullable(i int) (bool, bool) { return i == 1, true }

type fakeRowsPrecisionScale fakeRows

func (r *fakeRowsPrecisionScale) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return 10, 2, i == 0
}
