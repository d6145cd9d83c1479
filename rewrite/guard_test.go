package rewrite

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// TestInert: which directive values stay on a plain line (inert) and which
// go inside "if span.IsRecording()" because evaluating them could have an
// effect or panic.
func TestInert(t *testing.T) {
	const src = `package p
type S struct{ F int; P *S }
var (
	n, d  int
	s     string
	ok    bool
	items []int
	m     map[string]int
	v     S
	p     *S
	ch    chan int
	a, b  any
	f     func() int
)
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{file}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{
		`"const"`: true, `n`: true, `v.F`: true, `len(items)`: true, `cap(items)`: true,
		`n+1`: true, `n-1 == d`: true, `-n`: true, `!ok`: true, `s + "x"`: true, `len(m) > 0 && ok`: true,
		`f()`: false, `<-ch`: false, `p.F`: false, `v.P.F`: false, `n / d`: false, `n % d`: false,
		`n << d`: false, `items[0]`: false, `m["k"]`: false, `a == b`: false, `len(s[:f()])`: false,
		`&v`: false, `*p`: false,
	} {
		e, err := parser.ParseExpr(text)
		if err != nil {
			t.Fatal(err)
		}
		info := &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Uses:       map[*ast.Ident]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
		}
		if err := types.CheckExpr(fset, pkg, file.End(), e, info); err != nil {
			if want {
				t.Errorf("%s: %v", text, err)
			}
			continue // an expression that does not check is never inert
		}
		if got := inert(e, info); got != want {
			t.Errorf("inert(%s) = %v, want %v", text, got, want)
		}
	}
}
