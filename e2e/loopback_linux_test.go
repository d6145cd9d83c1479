//go:build e2e && linux

package e2e

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJaegerListensOnLoopbackOnly reads the sockets Jaeger holds from /proc
// and fails if any of them listens on an address other than 127.0.0.1: the
// tests must never open a port to the network.
func TestJaegerListensOnLoopbackOnly(t *testing.T) {
	j := startJaeger(t)
	inodes := socketInodes(t, j.proc.cmd.Process.Pid)
	var listening int
	for _, table := range []string{"tcp", "tcp6", "udp", "udp6"} {
		for _, s := range readSockets(t, j.proc.cmd.Process.Pid, table) {
			if !inodes[s.inode] || !s.listening(table) {
				continue
			}
			listening++
			if s.local != "0100007F" { // 127.0.0.1 in /proc's little-endian hex
				t.Errorf("jaeger listens on %s %s:%d, not on 127.0.0.1", table, s.local, s.port)
			}
		}
	}
	if want := len(jaegerTCPFlags) + len(jaegerUDPFlags); listening < want {
		t.Errorf("found %d listening sockets of Jaeger, want at least %d (one per port flag)", listening, want)
	}
}

// socketInodes returns the inodes of the sockets among pid's open files.
func socketInodes(t *testing.T, pid int) map[string]bool {
	fds, err := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", pid))
	if err != nil {
		t.Fatal(err)
	}
	inodes := map[string]bool{}
	for _, fd := range fds {
		target, err := os.Readlink(fd)
		if err == nil && strings.HasPrefix(target, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]")] = true
		}
	}
	return inodes
}

type procSocket struct {
	local string // hex address
	port  int
	state string // hex TCP state; 0A is LISTEN, 07 is an unconnected UDP socket
	inode string
}

func (s procSocket) listening(table string) bool {
	if strings.HasPrefix(table, "tcp") {
		return s.state == "0A"
	}
	return s.state == "07"
}

// readSockets parses /proc/<pid>/net/<table> (the process's network namespace).
func readSockets(t *testing.T, pid int, table string) []procSocket {
	f, err := os.Open(fmt.Sprintf("/proc/%d/net/%s", pid, table))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []procSocket
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 {
			continue
		}
		host, port, _ := strings.Cut(fields[1], ":")
		var p int
		fmt.Sscanf(port, "%X", &p)
		out = append(out, procSocket{local: host, port: p, state: fields[3], inode: fields[9]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
