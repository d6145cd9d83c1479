package zipkinsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// WrapConnector returns a connector whose connections trace every call
// that reaches the driver; use it with sql.OpenDB. It implements io.Closer
// exactly when c does (sql.DB.Close closes such a connector), and its
// Driver is c's driver wrapped the same way.
func WrapConnector(c driver.Connector, o Options) driver.Connector {
	return wrapConnector(c, newConfig(o))
}

// WrapDriver returns a driver whose connections trace every call that
// reaches the driver, for sql.Register. It implements driver.DriverContext
// exactly when d does.
func WrapDriver(d driver.Driver, o Options) driver.Driver {
	return wrapDriver(d, newConfig(o))
}

// Open opens a database with the driver registered as driverName, traced:
// as sql.Open(driverName, dsn), but every call that reaches the driver is
// a span. Like sql.Open it does not connect; the DSN is parsed once more
// by drivers that implement driver.DriverContext.
func Open(driverName, dsn string, o Options) (*sql.DB, error) {
	probe, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	d := probe.Driver()
	_ = probe.Close() // never connected
	var c driver.Connector
	if dc, ok := d.(driver.DriverContext); ok {
		if c, err = dc.OpenConnector(dsn); err != nil {
			return nil, err
		}
	} else {
		c = dsnConnector{dsn: dsn, driver: d}
	}
	return sql.OpenDB(WrapConnector(c, o)), nil
}

// dsnConnector is what sql.Open uses for a driver without DriverContext.
type dsnConnector struct {
	dsn    string
	driver driver.Driver
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.driver }

type connector struct {
	base driver.Connector
	cfg  *config
}

func wrapConnector(base driver.Connector, cfg *config) driver.Connector {
	return comboConnector(&connector{base: base, cfg: cfg}, maskConnector(base))
}

// Connect implements driver.Connector.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	var span *zipkin.Span
	if c.cfg.o.Connect {
		span = c.cfg.startSpan(ctx, OpConnect, "")
	}
	conn, err := c.base.Connect(ctx)
	end(span, err)
	if err != nil || conn == nil {
		return conn, err
	}
	return wrapConn(conn, c.cfg), nil
}

// Driver implements driver.Connector.
func (c *connector) Driver() driver.Driver { return wrapDriver(c.base.Driver(), c.cfg) }

type connectorCloser connector

func (c *connectorCloser) Close() error { return c.base.(io.Closer).Close() }

type wrappedDriver struct {
	base driver.Driver
	cfg  *config
}

func wrapDriver(base driver.Driver, cfg *config) driver.Driver {
	return comboDriver(&wrappedDriver{base: base, cfg: cfg}, maskDriver(base))
}

// Open implements driver.Driver.
func (d *wrappedDriver) Open(name string) (driver.Conn, error) {
	conn, err := d.base.Open(name)
	if err != nil || conn == nil {
		return conn, err
	}
	return wrapConn(conn, d.cfg), nil
}

type driverContext wrappedDriver

func (d *driverContext) OpenConnector(name string) (driver.Connector, error) {
	c, err := d.base.(driver.DriverContext).OpenConnector(name)
	if err != nil || c == nil {
		return c, err
	}
	return wrapConnector(c, d.cfg), nil
}
