package zipkinsql

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCombosAreUpToDate: combos.go and combos_test.go are what
// internal/gencombos writes today (go generate ./runtime/zipkinsql).
func TestCombosAreUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator with the go command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	dir := t.TempDir()
	cmd := exec.Command(gobin, "run", "./internal/gencombos", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencombos: %v\n%s", err, out)
	}
	for _, name := range []string{"combos.go", "combos_test.go"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./runtime/zipkinsql", name)
		}
	}
}
