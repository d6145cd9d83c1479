package rewrite

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestSelectingConfig(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, header string
		want         string // describe() of the configuration, or "none"
	}{
		{"a_test.go", "", "-tests"},
		{"a_windows.go", "", "GOOS=windows"},
		{"a_linux_arm64.go", "", "GOOS=linux GOARCH=arm64"},
		{"a_amd64_test.go", "", "GOARCH=amd64 -tests"},
		{"premium.go", "//go:build premium\n", "-tags=premium"},
		{"both.go", "//go:build premium && !free\n", "-tags=premium"},
		{"or.go", "//go:build darwin || plan9\n", "GOOS=darwin"},
		{"unix.go", "//go:build unix && !" + runtime.GOOS + "\n", "none"},
		{"nounix.go", "//go:build !unix && windows\n", "GOOS=windows"},
		{"never.go", "//go:build a && !a\n", "none"},
		{"linux_only_windows.go", "//go:build linux\n", "none"},
	} {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.header+"\npackage p\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		c, ok := (&engine{}).selectingConfig(path)
		got := "none"
		if ok {
			got = c.describe()
		}
		if got != tt.want {
			t.Errorf("%s (%q): %s, want %s", tt.name, strings.TrimSpace(tt.header), got, tt.want)
		}
	}
}
