package zipkinsql

import (
	"context"
	"database/sql/driver"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// wrapTx returns the driver's transaction wrapped so that its commit or
// rollback is a span, a sibling of the begin span under ctx (the caller's
// context at BeginTx: driver.Tx's methods take none). Only a traced begin
// gets a wrapper: a transaction begun untraced or unsampled stays so, and
// costs nothing more.
func wrapTx(base driver.Tx, err error, ctx context.Context, begin *zipkin.Span, cfg *config) (driver.Tx, error) {
	if err != nil || begin == nil || base == nil {
		return base, err
	}
	return &tx{base: base, ctx: ctx, cfg: cfg}, nil
}

type tx struct {
	base driver.Tx
	ctx  context.Context
	cfg  *config
}

// Commit implements driver.Tx.
func (t *tx) Commit() error {
	span := t.cfg.startSpan(t.ctx, OpCommit, "")
	err := t.base.Commit()
	end(span, err)
	return err
}

// Rollback implements driver.Tx.
func (t *tx) Rollback() error {
	span := t.cfg.startSpan(t.ctx, OpRollback, "")
	err := t.base.Rollback()
	end(span, err)
	return err
}
