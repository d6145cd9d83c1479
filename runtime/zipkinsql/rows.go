package zipkinsql

import (
	"database/sql/driver"
	"io"
	"reflect"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// queried finishes a query's span: at once, handing the driver's rows to
// database/sql untouched, or, with Options.UntilRowsClosed, when the rows
// are closed.
func (c *config) queried(span *zipkin.Span, r driver.Rows, err error) (driver.Rows, error) {
	if span == nil || err != nil || !c.o.UntilRowsClosed || r == nil {
		end(span, err)
		return r, err
	}
	return wrapRows(r, span), nil
}

// rows holds a query's span until the rows are closed. It has
// RowsNextResultSet exactly when the driver's rows have it (comboRows):
// database/sql closes rows without it when they end. The column type
// interfaces it always implements, answering what database/sql assumes
// without them (scan type any, no name, length, nullability, precision).
type rows struct {
	base        driver.Rows
	span        *zipkin.Span
	nextResults driver.RowsNextResultSet
	scanType    driver.RowsColumnTypeScanType
	dbTypeName  driver.RowsColumnTypeDatabaseTypeName
	length      driver.RowsColumnTypeLength
	nullable    driver.RowsColumnTypeNullable
	precision   driver.RowsColumnTypePrecisionScale
}

func wrapRows(base driver.Rows, span *zipkin.Span) driver.Rows {
	r := &rows{base: base, span: span}
	r.nextResults, _ = base.(driver.RowsNextResultSet)
	r.scanType, _ = base.(driver.RowsColumnTypeScanType)
	r.dbTypeName, _ = base.(driver.RowsColumnTypeDatabaseTypeName)
	r.length, _ = base.(driver.RowsColumnTypeLength)
	r.nullable, _ = base.(driver.RowsColumnTypeNullable)
	r.precision, _ = base.(driver.RowsColumnTypePrecisionScale)
	return comboRows(r, maskRows(base))
}

// Columns implements driver.Rows.
func (r *rows) Columns() []string { return r.base.Columns() }

// Close implements driver.Rows and ends the span. database/sql closes
// rows once, under its own lock.
func (r *rows) Close() error {
	err := r.base.Close()
	if span := r.span; span != nil {
		r.span = nil
		end(span, err)
	}
	return err
}

// Next implements driver.Rows. io.EOF, the end of the rows, is not an
// error.
func (r *rows) Next(dest []driver.Value) error {
	err := r.base.Next(dest)
	if err != nil && err != io.EOF && r.span != nil {
		tagError(r.span, err)
	}
	return err
}

// ColumnTypeScanType implements driver.RowsColumnTypeScanType.
func (r *rows) ColumnTypeScanType(index int) reflect.Type {
	if r.scanType == nil {
		return reflect.TypeFor[any]()
	}
	return r.scanType.ColumnTypeScanType(index)
}

// ColumnTypeDatabaseTypeName implements driver.RowsColumnTypeDatabaseTypeName.
func (r *rows) ColumnTypeDatabaseTypeName(index int) string {
	if r.dbTypeName == nil {
		return ""
	}
	return r.dbTypeName.ColumnTypeDatabaseTypeName(index)
}

// ColumnTypeLength implements driver.RowsColumnTypeLength.
func (r *rows) ColumnTypeLength(index int) (length int64, ok bool) {
	if r.length == nil {
		return 0, false
	}
	return r.length.ColumnTypeLength(index)
}

// ColumnTypeNullable implements driver.RowsColumnTypeNullable.
func (r *rows) ColumnTypeNullable(index int) (nullable, ok bool) {
	if r.nullable == nil {
		return false, false
	}
	return r.nullable.ColumnTypeNullable(index)
}

// ColumnTypePrecisionScale implements driver.RowsColumnTypePrecisionScale.
func (r *rows) ColumnTypePrecisionScale(index int) (precision, scale int64, ok bool) {
	if r.precision == nil {
		return 0, 0, false
	}
	return r.precision.ColumnTypePrecisionScale(index)
}

type rowsNextResultSet rows

func (r *rowsNextResultSet) HasNextResultSet() bool { return r.nextResults.HasNextResultSet() }

func (r *rowsNextResultSet) NextResultSet() error {
	err := r.nextResults.NextResultSet()
	if err != nil && err != io.EOF && r.span != nil {
		tagError(r.span, err)
	}
	return err
}
