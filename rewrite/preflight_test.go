package rewrite

import (
	"path/filepath"
	"strings"
	"testing"
)

// A traced file that does not parse is reported with the parser's own
// position and words, and nothing is rewritten, although Go's parser
// repairs a missing final brace into a tree that would print fine.
func TestBrokenFileIsNotRewritten(t *testing.T) {
	cases := map[string]struct {
		src, want string
	}{
		"missing final brace": {
			src:  "package m\n\nimport \"context\"\n\n//zipkin:trace\nfunc F(ctx context.Context) error {\n\treturn nil\n",
			want: "m.go:7:13: expected '}', found 'EOF'",
		},
		"bad expression": {
			src:  "package m\n\nimport \"context\"\n\n//zipkin:trace\nfunc F(ctx context.Context) int {\n\treturn 1 +\n}\n",
			want: "m.go:8:1: expected operand, found '}'",
		},
		"type error in the traced function": {
			src:  "package m\n\nimport \"context\"\n\n//zipkin:trace\nfunc F(ctx context.Context) int {\n\treturn \"x\"\n}\n",
			want: "m.go:7:9: cannot use \"x\" (untyped string constant) as int value in return statement",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := tempModule(t, map[string]string{"m.go": c.src})
			r := mustRun(t, Options{Dir: dir})
			if len(r.Files) > 0 {
				t.Errorf("%d file(s) would be written:\n%s", len(r.Files), r.Files[0].New)
			}
			var got []string
			for _, d := range r.Diagnostics {
				rel, _ := filepath.Rel(dir, d.Pos.Filename)
				d.Pos.Filename = rel
				got = append(got, d.String())
			}
			if len(got) == 0 || got[0] != c.want {
				t.Errorf("diagnostics:\n%s\nwant first: %s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}

// A type error on a generated line is what a re-run repairs: the parameter
// the old instrumentation named was renamed by the user.
func TestStaleGeneratedLineIsRepaired(t *testing.T) {
	src := `package m

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

//zipkin:trace
func F(c context.Context) error {
	_, span := zipkin.Start(ctx, "m.F") //zipkin:generated
	defer span.End(nil)                 //zipkin:generated
	return nil
}
`
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir})
	if len(r.Diagnostics) > 0 || len(r.Files) != 1 {
		t.Fatalf("%d files, diagnostics %v", len(r.Files), r.Diagnostics)
	}
	if !strings.Contains(string(r.Files[0].New), "zipkin.Start(c, ") {
		t.Errorf("not repaired:\n%s", r.Files[0].New)
	}
}
