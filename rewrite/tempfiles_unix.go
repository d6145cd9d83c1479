//go:build unix

package rewrite

import (
	"errors"
	"syscall"
)

// processCheckable: on Unix a temporary file's process can be asked for.
const processCheckable = true

// processGone reports whether no process has the id pid.
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
