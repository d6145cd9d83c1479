//lint:file-ignore SA1019 a wrapper calls the deprecated interfaces that drivers still implement, as database/sql does

package zipkinsql

import (
	"context"
	"database/sql/driver"
	"errors"
)

// The functions here call the driver interfaces without a context
// (Execer, Queryer, and Stmt's Exec and Query) as database/sql calls them
// when a driver lacks the context versions: arguments without names, and
// a check that ctx is still alive before the call.

func legacyExec(ctx context.Context, e driver.Execer, query string, args []driver.NamedValue) (driver.Result, error) {
	values, err := unnamed(args)
	if err != nil {
		return nil, err
	}
	if err := alive(ctx); err != nil {
		return nil, err
	}
	return e.Exec(query, values)
}

func legacyQuery(ctx context.Context, q driver.Queryer, query string, args []driver.NamedValue) (driver.Rows, error) {
	values, err := unnamed(args)
	if err != nil {
		return nil, err
	}
	if err := alive(ctx); err != nil {
		return nil, err
	}
	return q.Query(query, values)
}

func legacyStmtExec(ctx context.Context, s driver.Stmt, args []driver.NamedValue) (driver.Result, error) {
	values, err := unnamed(args)
	if err != nil {
		return nil, err
	}
	if err := alive(ctx); err != nil {
		return nil, err
	}
	return s.Exec(values)
}

func legacyStmtQuery(ctx context.Context, s driver.Stmt, args []driver.NamedValue) (driver.Rows, error) {
	values, err := unnamed(args)
	if err != nil {
		return nil, err
	}
	if err := alive(ctx); err != nil {
		return nil, err
	}
	return s.Query(values)
}

func alive(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
		return nil
	}
}

// unnamed is database/sql's conversion for drivers without named
// parameters.
func unnamed(args []driver.NamedValue) ([]driver.Value, error) {
	values := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, errors.New("sql: driver does not support the use of Named Parameters")
		}
		values[i] = a.Value
	}
	return values, nil
}
