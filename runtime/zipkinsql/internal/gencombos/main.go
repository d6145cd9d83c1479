// Command gencombos writes the zipkinsql wrappers' combination types:
// one struct type per subset of a driver type's optional interfaces whose
// mere presence changes what database/sql does, so that a wrapped value
// has exactly those of the value it wraps. (The other optional interfaces
// the wrappers always implement, doing what database/sql does without
// them: see conn.go, stmt.go and rows.go.) Each combination costs about
// 4 kB of binary, so all 1024 subsets of a connection's ten optional
// interfaces would add 3.8 MB to every program that links zipkinsql.
//
// Run it through go generate in runtime/zipkinsql.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// kind is one wrapped driver type: its base wrapper (which implements the
// mandatory interface) and, per optional interface, the holder type that
// implements it (a named type over the base, converted from its pointer).
type kind struct {
	name     string // mask and combo function suffix: connMask, connCombo
	base     string // the base wrapper's type name
	result   string // the interface the combo function returns
	wrapped  string // the interface of the wrapped driver value
	holders  []holder
	testFake bool // a fake in the tests, not a wrapper
}

type holder struct{ typ, iface string }

var wrappers = []kind{
	{name: "Conn", base: "conn", result: "driver.Conn", wrapped: "driver.Conn", holders: []holder{
		{"connExecerContext", "driver.ExecerContext|driver.Execer"},
		{"connQueryerContext", "driver.QueryerContext|driver.Queryer"},
		{"connSessionResetter", "driver.SessionResetter"},
		{"connValidator", "driver.Validator"},
	}},
	{name: "Stmt", base: "stmt", result: "driver.Stmt", wrapped: "driver.Stmt", holders: []holder{
		{"stmtColumnConverter", "driver.ColumnConverter"},
	}},
	{name: "Rows", base: "rows", result: "driver.Rows", wrapped: "driver.Rows", holders: []holder{
		{"rowsNextResultSet", "driver.RowsNextResultSet"},
	}},
	{name: "Connector", base: "connector", result: "driver.Connector", wrapped: "driver.Connector", holders: []holder{
		{"connectorCloser", "io.Closer"},
	}},
	{name: "Driver", base: "wrappedDriver", result: "driver.Driver", wrapped: "driver.Driver", holders: []holder{
		{"driverContext", "driver.DriverContext"},
	}},
}

// fakes are the test driver's types: the fake implements every optional
// interface, and its combos implement a chosen subset, so that tests can
// take any one (or two) of them away.
var fakes = []kind{
	{name: "FakeConn", base: "fakeConn", result: "driver.Conn", testFake: true, holders: []holder{
		{"fakeConnPinger", "driver.Pinger"},
		{"fakeConnExecer", "driver.Execer"},
		{"fakeConnExecerContext", "driver.ExecerContext"},
		{"fakeConnQueryer", "driver.Queryer"},
		{"fakeConnQueryerContext", "driver.QueryerContext"},
		{"fakeConnPrepareContext", "driver.ConnPrepareContext"},
		{"fakeConnBeginTx", "driver.ConnBeginTx"},
		{"fakeConnSessionResetter", "driver.SessionResetter"},
		{"fakeConnValidator", "driver.Validator"},
		{"fakeConnNamedValueChecker", "driver.NamedValueChecker"},
	}},
	{name: "FakeStmt", base: "fakeStmt", result: "driver.Stmt", testFake: true, holders: []holder{
		{"fakeStmtExecContext", "driver.StmtExecContext"},
		{"fakeStmtQueryContext", "driver.StmtQueryContext"},
		{"fakeStmtNamedValueChecker", "driver.NamedValueChecker"},
		{"fakeStmtColumnConverter", "driver.ColumnConverter"},
	}},
	{name: "FakeRows", base: "fakeRows", result: "driver.Rows", testFake: true, holders: []holder{
		{"fakeRowsNextResultSet", "driver.RowsNextResultSet"},
		{"fakeRowsScanType", "driver.RowsColumnTypeScanType"},
		{"fakeRowsDatabaseTypeName", "driver.RowsColumnTypeDatabaseTypeName"},
		{"fakeRowsLength", "driver.RowsColumnTypeLength"},
		{"fakeRowsNullable", "driver.RowsColumnTypeNullable"},
		{"fakeRowsPrecisionScale", "driver.RowsColumnTypePrecisionScale"},
	}},
	{name: "FakeConnector", base: "fakeConnector", result: "driver.Connector", testFake: true, holders: []holder{
		{"fakeConnectorCloser", "io.Closer"},
	}},
	{name: "FakeDriver", base: "fakeDriver", result: "driver.Driver", testFake: true, holders: []holder{
		{"fakeDriverContext", "driver.DriverContext"},
	}},
}

// masks are the subsets a combo function covers: all of them for a few
// interfaces; for a test fake with many, none, all, and all but one or
// two (each fake combination is a type the test binary compiles).
func masks(k kind) []int {
	n := len(k.holders)
	full := 1<<n - 1
	if !k.testFake || n <= 6 {
		var all []int
		for m := 1; m <= full; m++ {
			all = append(all, m)
		}
		return all
	}
	set := map[int]bool{full: true}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			set[full&^(1<<i|1<<j)] = true
		}
	}
	delete(set, 0)
	var out []int
	for m := 1; m <= full; m++ {
		if set[m] {
			out = append(out, m)
		}
	}
	return out
}

func main() {
	out := flag.String("out", ".", "write the files into this `folder`")
	flag.Parse()
	write(filepath.Join(*out, "combos.go"), "zipkinsql", wrappers, true)
	write(filepath.Join(*out, "combos_test.go"), "zipkinsql", fakes, false)
}

func write(file, pkg string, kinds []kind, masks bool) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/gencombos; DO NOT EDIT.\n\n")
	b.WriteString("//lint:file-ignore SA1019 the wrappers have the deprecated interfaces that drivers still implement\n\n")
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	b.WriteString("import (\n\t\"database/sql/driver\"\n\t\"io\"\n)\n\n")
	if masks {
		b.WriteString("// is reports whether v implements I.\nfunc is[I any](v any) bool {\n\t_, ok := v.(I)\n\treturn ok\n}\n\n")
	} else {
		b.WriteString("var _ io.Closer // io is used by some kinds only\n\n")
	}
	for _, k := range kinds {
		if masks {
			writeMask(&b, k)
		}
		writeCombo(&b, k)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatalf("%s: %v\n%s", file, err, b.Bytes())
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// writeMask writes the function that tells which optional interfaces a
// driver value implements, one bit per holder in the holders' order.
func writeMask(b *bytes.Buffer, k kind) {
	fmt.Fprintf(b, "// mask%s has bit i set when v implements the i-th optional interface:\n", k.name)
	for i, h := range k.holders {
		fmt.Fprintf(b, "// %d %s\n", i, h.iface)
	}
	fmt.Fprintf(b, "func mask%s(v %s) uint {\n\tvar m uint\n", k.name, k.wrapped)
	for i, h := range k.holders {
		var conds []string
		for _, iface := range strings.Split(h.iface, "|") {
			conds = append(conds, fmt.Sprintf("is[%s](v)", iface))
		}
		fmt.Fprintf(b, "\tif %s {\n\t\tm |= 1 << %d\n\t}\n", strings.Join(conds, " || "), i)
	}
	b.WriteString("\treturn m\n}\n\n")
}

// writeCombo writes the function that returns x as a value implementing
// exactly the optional interfaces of mask m.
func writeCombo(b *bytes.Buffer, k kind) {
	fmt.Fprintf(b, "// combo%s returns x as a %s implementing exactly the optional\n// interfaces whose bits are set in m.\n", k.name, k.result)
	fmt.Fprintf(b, "func combo%s(x *%s, m uint) %s {\n\tswitch m {\n", k.name, k.base, k.result)
	for _, m := range masks(k) {
		var fields, values []string
		fields = append(fields, "*"+k.base)
		values = append(values, "x")
		for i, h := range k.holders {
			if m&(1<<i) != 0 {
				fields = append(fields, "*"+h.typ)
				values = append(values, "(*"+h.typ+")(x)")
			}
		}
		fmt.Fprintf(b, "\tcase %d:\n\t\treturn &struct{ %s }{%s}\n", m, strings.Join(fields, "; "), strings.Join(values, ", "))
	}
	if k.testFake {
		b.WriteString("\tcase 0:\n\t\treturn x\n\t}\n\tpanic(\"no combination generated for this mask\")\n}\n\n")
		return
	}
	b.WriteString("\t}\n\treturn x\n}\n\n")
}
