package rewrite

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// Diff returns a unified diff (like diff -u) of every change, with paths
// relative to Options.Dir.
func (r *Result) Diff() []byte {
	var buf bytes.Buffer
	for _, f := range r.Files {
		name := f.Path
		if rel, err := filepath.Rel(r.dir, f.Path); err == nil {
			name = filepath.ToSlash(rel)
		}
		buf.Write(unifiedDiff(name, name, f.Old, f.New))
	}
	return buf.Bytes()
}

// unifiedDiff renders the line diff of a and b with three lines of
// context, or nothing when they are equal.
func unifiedDiff(aName, bName string, a, b []byte) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	al, bl := splitLines(a), splitLines(b)
	ops := diffLines(al, bl)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "--- %s\n+++ %s\n", aName, bName)
	for _, h := range hunks(ops, 3) {
		writeHunk(&buf, h, al, bl)
	}
	return buf.Bytes()
}

func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// edit is one line of the diff: kind ' ', '-' or '+', with its index in
// a (for ' ' and '-') or b (for '+').
type edit struct {
	kind byte
	a, b int
}

// diffLines computes a shortest edit script with Myers' algorithm.
func diffLines(a, b []string) []edit {
	n, m := len(a), len(b)
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				x = v[max+k+1]
			} else {
				x = v[max+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(trace, v, a, b, d, max)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, last []int, a, b []string, d, max int) []edit {
	var out []edit
	x, y := len(a), len(b)
	v := last
	for ; d > 0; d-- {
		k := x - y
		prev := trace[d]
		var pk int
		if k == -d || (k != d && prev[max+k-1] < prev[max+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := prev[max+pk]
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			out = append(out, edit{' ', x, y})
		}
		if x == px {
			y--
			out = append(out, edit{'+', x, y})
		} else {
			x--
			out = append(out, edit{'-', x, y})
		}
		v = prev
	}
	_ = v
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		out = append(out, edit{' ', x, y})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// hunks groups the edits into hunks with ctx lines of context.
func hunks(ops []edit, ctx int) [][]edit {
	var out [][]edit
	var cur []edit
	lastChange := -1
	for i, op := range ops {
		if op.kind == ' ' {
			continue
		}
		start := i - ctx
		if start < 0 {
			start = 0
		}
		if cur != nil && start <= lastChange+ctx+1 {
			cur = append(cur, ops[lastChange+1:i+1]...)
		} else {
			if cur != nil {
				out = append(out, append(cur, ops[lastChange+1:min(lastChange+1+ctx, len(ops))]...))
			}
			cur = append([]edit(nil), ops[start:i+1]...)
		}
		lastChange = i
	}
	if cur != nil {
		out = append(out, append(cur, ops[lastChange+1:min(lastChange+1+ctx, len(ops))]...))
	}
	return out
}

func writeHunk(buf *bytes.Buffer, h []edit, a, b []string) {
	aStart, bStart, aLen, bLen := -1, -1, 0, 0
	for _, e := range h {
		if e.kind != '+' {
			if aStart < 0 {
				aStart = e.a
			}
			aLen++
		}
		if e.kind != '-' {
			if bStart < 0 {
				bStart = e.b
			}
			bLen++
		}
	}
	if aStart < 0 {
		aStart = h[0].a - 1
	}
	if bStart < 0 {
		bStart = h[0].b - 1
	}
	fmt.Fprintf(buf, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
	for _, e := range h {
		line := ""
		if e.kind == '+' {
			line = b[e.b]
		} else {
			line = a[e.a]
		}
		buf.WriteByte(e.kind)
		buf.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			buf.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a hunk's start,length in diff -u's 1-based style.
func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	if n == 0 {
		return fmt.Sprintf("%d,0", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
