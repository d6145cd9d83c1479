//go:build e2e && linux

package e2e

import "syscall"

// childProcAttr puts a child in its own process group, so that stopping it
// also stops anything it started, and has the kernel kill it if the test
// binary dies without running its cleanups (a -timeout panic, SIGKILL).
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
