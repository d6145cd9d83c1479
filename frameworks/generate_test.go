package frameworks_test

import (
	"os/exec"
	"testing"
)

// TestInstrumentationIsFresh runs the real zipkingen command (the module's
// go tool) with each package's go:generate flags and -check: the committed
// output is what the command writes, and -strip with the same flags would
// give the sources back (the golden tests prove that on every shape).
func TestInstrumentationIsFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, args := range [][]string{
		{"-check", "./store", "./ginsvc", "./echosvc", "./chisvc", "./grpcsvc"},
		{"-all", "-check", "./grpcclient"},
	} {
		cmd := exec.Command("go", append([]string{"tool", "zipkingen"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("zipkingen %v: %v\n%s", args, err, out)
		}
	}
}
