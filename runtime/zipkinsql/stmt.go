//lint:file-ignore SA1019 a wrapper calls the deprecated interfaces that drivers still implement, as database/sql does

package zipkinsql

import (
	"context"
	"database/sql/driver"
)

// stmt wraps a prepared statement. It has ColumnConverter exactly when
// the driver's statement has it (comboStmt): database/sql converts
// arguments differently with one. StmtExecContext, StmtQueryContext and
// NamedValueChecker it always implements, doing what database/sql does
// without them: Exec and Query with unnamed arguments after a context
// check, and the connection's argument checker (the one database/sql
// falls back to), else driver.ErrSkip.
type stmt struct {
	base      driver.Stmt
	query     string
	cfg       *config
	conn      *conn
	execCtx   driver.StmtExecContext
	queryCtx  driver.StmtQueryContext
	checker   driver.NamedValueChecker
	converter driver.ColumnConverter
}

func wrapStmt(base driver.Stmt, query string, c *conn) driver.Stmt {
	s := &stmt{base: base, query: query, cfg: c.cfg, conn: c}
	s.execCtx, _ = base.(driver.StmtExecContext)
	s.queryCtx, _ = base.(driver.StmtQueryContext)
	s.checker, _ = base.(driver.NamedValueChecker)
	s.converter, _ = base.(driver.ColumnConverter)
	return comboStmt(s, maskStmt(base))
}

// Close implements driver.Stmt.
func (s *stmt) Close() error { return s.base.Close() }

// NumInput implements driver.Stmt.
func (s *stmt) NumInput() int { return s.base.NumInput() }

// Exec implements driver.Stmt. database/sql calls ExecContext instead;
// without a context, Exec has no parent.
func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

// Query implements driver.Stmt. database/sql calls QueryContext instead;
// without a context, Query has no parent.
func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

// ExecContext implements driver.StmtExecContext.
func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	span := s.cfg.startSpan(ctx, OpExec, s.query)
	var res driver.Result
	var err error
	if s.execCtx != nil {
		res, err = s.execCtx.ExecContext(ctx, args)
	} else {
		res, err = legacyStmtExec(ctx, s.base, args)
	}
	end(span, err)
	return res, err
}

// QueryContext implements driver.StmtQueryContext.
func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	span := s.cfg.startSpan(ctx, OpQuery, s.query)
	var rows driver.Rows
	var err error
	if s.queryCtx != nil {
		rows, err = s.queryCtx.QueryContext(ctx, args)
	} else {
		rows, err = legacyStmtQuery(ctx, s.base, args)
	}
	return s.cfg.queried(span, rows, err)
}

// CheckNamedValue implements driver.NamedValueChecker. database/sql asks
// a statement's checker first and the connection's only when the
// statement has none; this one asks them in that order.
func (s *stmt) CheckNamedValue(nv *driver.NamedValue) error {
	if s.checker != nil {
		return s.checker.CheckNamedValue(nv)
	}
	return s.conn.CheckNamedValue(nv)
}

type stmtColumnConverter stmt

func (s *stmtColumnConverter) ColumnConverter(idx int) driver.ValueConverter {
	return s.converter.ColumnConverter(idx)
}

// named is the reverse of unnamed, for the context-free entry points.
func named(values []driver.Value) []driver.NamedValue {
	args := make([]driver.NamedValue, len(values))
	for i, v := range values {
		args[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return args
}
