package rewrite

import (
	"strings"
	"testing"
)

// A diagnostic in a region under a //line directive names the template
// position, as the compiler does, and where the line is in the Go file.
func TestDiagnosticUnderLineDirectiveSaysWhereInTheGoFile(t *testing.T) {
	src := "package m\n\nimport \"context\"\n\n//line templates/page.tmpl:40\n//zipkin:trace\n//zipkin:tag k nosuch\nfunc F(ctx context.Context) {}\n"
	dir := tempModule(t, map[string]string{"m.go": src})
	r := mustRun(t, Options{Dir: dir})
	if len(r.Diagnostics) != 1 {
		t.Fatalf("diagnostics %v", r.Diagnostics)
	}
	d := r.Diagnostics[0]
	if !strings.HasSuffix(d.Pos.Filename, "page.tmpl") || d.Pos.Line != 41 {
		t.Errorf("position %v, want the template's line 41", d.Pos)
	}
	if !strings.Contains(d.Message, "undefined: nosuch") || !strings.HasSuffix(d.Message, "(in the Go file at m.go:7:16)") {
		t.Errorf("message %q, want it to end with the Go file's position m.go:7:16", d.Message)
	}
}
