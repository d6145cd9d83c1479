//lint:file-ignore SA1019 a wrapper calls the deprecated interfaces that drivers still implement, as database/sql does

package zipkinsql

import (
	"context"
	"database/sql/driver"
	"errors"
)

// conn wraps a driver connection.
//
// Of a connection's optional interfaces, four change what database/sql
// does by their mere presence: ExecerContext or Execer (present, an exec
// is tried on the connection before it prepares a statement, with
// arguments checked without one), QueryerContext or Queryer (the same for
// queries), and SessionResetter and Validator (together, a connection
// survives a rolled-back transaction). A wrapped connection has
// ExecerContext exactly when the driver's has ExecerContext or Execer,
// QueryerContext likewise, and SessionResetter and Validator exactly when
// the driver's does: comboConn embeds the holder types below for those.
//
// The others — Pinger, ConnPrepareContext, ConnBeginTx, NamedValueChecker
// — conn always implements, doing what database/sql does when the driver
// lacks them (no-op ping; Prepare then a context check; Begin after
// refusing options, then a context check; driver.ErrSkip to the next
// argument checker), so that database/sql's behaviour and the calls the
// driver sees are the same, and prepare and begin have a context to find
// their parent in. Execer and Queryer, which database/sql uses only
// without the context versions, are reached through ExecerContext and
// QueryerContext the way database/sql reaches them.
type conn struct {
	base       driver.Conn
	cfg        *config
	pinger     driver.Pinger
	execer     driver.Execer
	execerCtx  driver.ExecerContext
	queryer    driver.Queryer
	queryerCtx driver.QueryerContext
	preparer   driver.ConnPrepareContext
	beginner   driver.ConnBeginTx
	resetter   driver.SessionResetter
	validator  driver.Validator
	checker    driver.NamedValueChecker
}

func wrapConn(base driver.Conn, cfg *config) driver.Conn {
	c := &conn{base: base, cfg: cfg}
	c.pinger, _ = base.(driver.Pinger)
	c.execer, _ = base.(driver.Execer)
	c.execerCtx, _ = base.(driver.ExecerContext)
	c.queryer, _ = base.(driver.Queryer)
	c.queryerCtx, _ = base.(driver.QueryerContext)
	c.preparer, _ = base.(driver.ConnPrepareContext)
	c.beginner, _ = base.(driver.ConnBeginTx)
	c.resetter, _ = base.(driver.SessionResetter)
	c.validator, _ = base.(driver.Validator)
	c.checker, _ = base.(driver.NamedValueChecker)
	return comboConn(c, maskConn(base))
}

// Prepare implements driver.Conn. database/sql calls PrepareContext
// instead; without a context, Prepare has no parent.
func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// Close implements driver.Conn.
func (c *conn) Close() error { return c.base.Close() }

// Begin implements driver.Conn. database/sql calls BeginTx instead;
// without a context, Begin has no parent.
func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// Ping implements driver.Pinger: a driver without it is never pinged.
func (c *conn) Ping(ctx context.Context) error {
	if c.pinger == nil {
		return nil
	}
	if !c.cfg.o.Ping {
		return c.pinger.Ping(ctx)
	}
	span := c.cfg.startSpan(ctx, OpPing, "")
	err := c.pinger.Ping(ctx)
	end(span, err)
	return err
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	span := c.cfg.startSpan(ctx, OpPrepare, query)
	s, err := c.prepare(ctx, query)
	end(span, err)
	if err != nil || s == nil {
		return s, err
	}
	return wrapStmt(s, query, c), nil
}

// prepare is database/sql's prepare: PrepareContext, else Prepare and a
// check that ctx is still alive.
func (c *conn) prepare(ctx context.Context, query string) (driver.Stmt, error) {
	if c.preparer != nil {
		return c.preparer.PrepareContext(ctx, query)
	}
	s, err := c.base.Prepare(query)
	if err == nil {
		select {
		default:
		case <-ctx.Done():
			s.Close()
			return nil, ctx.Err()
		}
	}
	return s, err
}

// BeginTx implements driver.ConnBeginTx.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	span := c.cfg.startSpan(ctx, OpBegin, "")
	tx, err := c.begin(ctx, opts)
	end(span, err)
	return wrapTx(tx, err, ctx, span, c.cfg)
}

// begin is database/sql's begin: BeginTx, else Begin for default options
// and a check that ctx is still alive.
func (c *conn) begin(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.beginner != nil {
		return c.beginner.BeginTx(ctx, opts)
	}
	if opts.Isolation != driver.IsolationLevel(0) {
		return nil, errors.New("sql: driver does not support non-default isolation level")
	}
	if opts.ReadOnly {
		return nil, errors.New("sql: driver does not support read-only transactions")
	}
	if ctx.Done() == nil {
		return c.base.Begin()
	}
	tx, err := c.base.Begin()
	if err == nil {
		select {
		default:
		case <-ctx.Done():
			tx.Rollback()
			return nil, ctx.Err()
		}
	}
	return tx, err
}

// CheckNamedValue implements driver.NamedValueChecker: without the
// driver's, driver.ErrSkip hands the argument to database/sql's next
// checker, as if there were none.
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	if c.checker == nil {
		return driver.ErrSkip
	}
	return c.checker.CheckNamedValue(nv)
}

type connExecerContext conn

func (c *connExecerContext) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	span := c.cfg.startSpan(ctx, OpExec, query)
	var res driver.Result
	var err error
	if c.execerCtx != nil {
		res, err = c.execerCtx.ExecContext(ctx, query, args)
	} else {
		res, err = legacyExec(ctx, c.execer, query, args)
	}
	end(span, err)
	return res, err
}

type connQueryerContext conn

func (c *connQueryerContext) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	span := c.cfg.startSpan(ctx, OpQuery, query)
	var rows driver.Rows
	var err error
	if c.queryerCtx != nil {
		rows, err = c.queryerCtx.QueryContext(ctx, query, args)
	} else {
		rows, err = legacyQuery(ctx, c.queryer, query, args)
	}
	return c.cfg.queried(span, rows, err)
}

type connSessionResetter conn

func (c *connSessionResetter) ResetSession(ctx context.Context) error {
	if !c.cfg.o.ResetSession {
		return c.resetter.ResetSession(ctx)
	}
	span := c.cfg.startSpan(ctx, OpResetSession, "")
	err := c.resetter.ResetSession(ctx)
	end(span, err)
	return err
}

type connValidator conn

func (c *connValidator) IsValid() bool { return c.validator.IsValid() }
