//go:build e2e && unix && !linux

package e2e

import "syscall"

// childProcAttr puts a child in its own process group, so that stopping it
// also stops anything it started.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
