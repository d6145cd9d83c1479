//go:build e2e && unix

package e2e

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"testing"
)

// children records the process groups the tests started, so that an
// interrupted run (Ctrl-C, a CI job cancelled with SIGTERM) does not leave a
// Jaeger or an example service listening behind it.
var children = struct {
	sync.Mutex
	pgids map[int]bool
}{pgids: map[int]bool{}}

func trackChild(pgid int) {
	children.Lock()
	children.pgids[pgid] = true
	children.Unlock()
}

func untrackChild(pgid int) {
	children.Lock()
	delete(children.pgids, pgid)
	children.Unlock()
}

// killChildren kills every tracked process group. It is the last resort;
// tests stop their own children gracefully in t.Cleanup.
func killChildren() {
	children.Lock()
	defer children.Unlock()
	for pgid := range children.pgids {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		delete(children.pgids, pgid)
	}
}

func TestMain(m *testing.M) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sig
		killChildren()
		fmt.Fprintf(os.Stderr, "e2e: %v: killed the child processes, exiting\n", s)
		os.Exit(2)
	}()
	code := m.Run()
	killChildren()
	os.Exit(code)
}
