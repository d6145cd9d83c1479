package rewrite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCRLFFilesAreNeverRewritten: gofmt's printer writes LF only, so a file
// with Windows line endings would come back changed on every line and
// could not be stripped back to its bytes. It must be refused (marked) or
// skipped (-all), and left exactly as it was.
func TestCRLFFilesAreNeverRewritten(t *testing.T) {
	crlf := strings.ReplaceAll(tracedSrc, "\n", "\r\n")
	plain := strings.ReplaceAll(strings.ReplaceAll(tracedSrc, "//zipkin:trace\n", ""), "\n", "\r\n")
	for name, tc := range map[string]struct {
		src      string
		opts     Options
		wantDiag bool
	}{
		"marked":     {src: crlf, wantDiag: true},
		"under -all": {src: plain, opts: Options{All: true}},
	} {
		t.Run(name, func(t *testing.T) {
			dir := tempModule(t, map[string]string{"m.go": tc.src})
			o := tc.opts
			o.Dir = dir
			r := mustRun(t, o)
			if len(r.Files) != 0 {
				t.Errorf("a CRLF file would be rewritten: %s", r.Files[0].New)
			}
			if got := len(r.Diagnostics) > 0; got != tc.wantDiag {
				t.Errorf("diagnostics %v, want some: %v", r.Diagnostics, tc.wantDiag)
			}
			if tc.wantDiag && !strings.Contains(r.Diagnostics[0].Message, "CRLF") {
				t.Errorf("diagnostic %q does not say why", r.Diagnostics[0].Message)
			}
			if !tc.wantDiag && !strings.Contains(strings.Join(r.Notes, "\n"), "CRLF") {
				t.Errorf("no note says the file was skipped: %q", r.Notes)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, "m.go")); string(got) != tc.src {
				t.Error("the file changed on disk")
			}
		})
	}
}
