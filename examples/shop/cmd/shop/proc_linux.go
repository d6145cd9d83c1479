package main

import "syscall"

// childProcAttr has the kernel stop a service if the shop process dies
// without stopping it (killed, or a crash), so no service outlives a demo.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
