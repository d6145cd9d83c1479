package main

import (
	"bytes"
	"context"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/rewrite"
)

func TestParseArgs(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		ok     bool
		stderr string // substring; "" means stderr must be empty
		check  func(config) bool
	}{
		{args: nil, ok: true, check: func(c config) bool { return len(c.patterns) == 0 && !c.diff }},
		{args: []string{"-diff", "-check", "./..."}, ok: true, check: func(c config) bool {
			return c.diff && c.check && len(c.patterns) == 1 && c.patterns[0] == "./..."
		}},
		{args: []string{"-tags", "a, b,c", "-all", "-tests", "-v"}, ok: true, check: func(c config) bool {
			return strings.Join(c.tags, "|") == "a|b|c" && c.all && c.tests && c.verbose
		}},
		{args: []string{"-tags", "a b"}, ok: true, check: func(c config) bool { return strings.Join(c.tags, "|") == "a|b" }},
		{args: []string{"-overlay", "o.json", "pkg"}, ok: true, check: func(c config) bool { return c.overlay == "o.json" }},
		{args: []string{"-h"}, code: exitOK, stderr: "usage: zipkingen [flags] [packages]"},
		{args: []string{"-x"}, code: exitError, stderr: "flag provided but not defined: -x"},
		{args: []string{"-overlay"}, code: exitError, stderr: "flag needs an argument"},
		{args: []string{"-overlay", "o.json", "-diff"}, code: exitError, stderr: "zipkingen: -overlay writes files"},
		{args: []string{"-overlay", "o.json", "-check"}, code: exitError, stderr: "cannot be combined with -diff or -check"},
		{args: []string{"-overlay", "o.json", "-strip"}, code: exitError, stderr: "-overlay and -strip cannot be combined"},
		{args: []string{"-all", "-tags", "p", "-tests", "-strip"}, ok: true, check: func(c config) bool { return c.strip && c.all && c.tests }},
		{args: []string{".", "-check"}, code: exitError, stderr: "zipkingen: flag -check after the packages"},
		{args: []string{"a.go", "b.go"}, ok: true, check: func(c config) bool { return len(c.patterns) == 2 }},
	} {
		var stderr bytes.Buffer
		c := &cli{stdout: &bytes.Buffer{}, stderr: &stderr}
		cfg, code, ok := c.parseArgs(tt.args)
		if ok != tt.ok || (!ok && code != tt.code) {
			t.Errorf("parseArgs(%q) = code %d, ok %v; want %d, %v", tt.args, code, ok, tt.code, tt.ok)
		}
		if tt.stderr == "" && stderr.Len() > 0 || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("parseArgs(%q): stderr %q, want %q", tt.args, stderr.String(), tt.stderr)
		}
		if tt.check != nil && !tt.check(cfg) {
			t.Errorf("parseArgs(%q) = %+v", tt.args, cfg)
		}
	}
}

func TestRunUsageAndVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, &stdout, &stderr); code != exitOK || stdout.Len() > 0 || !strings.Contains(stderr.String(), "-overlay FILE") {
		t.Errorf("-h: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"-version"}, &stdout, &stderr); code != exitOK || !strings.HasPrefix(stdout.String(), "zipkingen ") || stderr.Len() > 0 {
		t.Errorf("-version: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestPrintDiagnostics(t *testing.T) {
	var stderr bytes.Buffer
	c := &cli{stderr: &stderr, cwd: "/m/app"}
	pos := func(file string, line, col int) token.Position {
		return token.Position{Filename: file, Line: line, Column: col}
	}
	c.printDiagnostics([]rewrite.Diagnostic{
		{Pos: pos("/m/app/z.go", 1, 1), Message: "last file"},
		{Pos: pos("/m/app/a/b.go", 10, 2), Message: "second"},
		{Pos: pos("/m/app/a/b.go", 9, 30), Message: "first"},
		{Pos: pos("/m/app/a/b.go", 10, 2), Message: "second"},
		{Pos: pos("/m/app/a/b.go", 10, 2), Message: "also second"},
		{Pos: pos("/m/other/o.go", 3, 0), Message: "no column"},
		{Pos: pos("/m/app/n.go", 0, 0), Message: "no line"},
		{Pos: pos("", 0, 0), Message: "no file"},
		{Pos: pos("rel.go", 2, 4), Message: "already relative"},
	})
	want := `zipkingen: no file
../other/o.go:3: no column
a/b.go:9:30: first
a/b.go:10:2: also second
a/b.go:10:2: second
n.go: no line
rel.go:2:4: already relative
z.go:1:1: last file
`
	if got := stderr.String(); got != want {
		t.Errorf("printed:\n%s\nwant:\n%s", got, want)
	}
}

func TestRelThroughSymlink(t *testing.T) {
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	c := &cli{cwd: link}
	for path, want := range map[string]string{
		filepath.Join(real, "a", "b.go"): filepath.Join("a", "b.go"),
		filepath.Join(link, "c.go"):      "c.go",
		filepath.Dir(link):               "..",
		"":                               "",
	} {
		if got := c.rel(path); got != want {
			t.Errorf("rel(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestNoticeIfSlow(t *testing.T) {
	var stderr bytes.Buffer
	c := &cli{stderr: &stderr, slowAfter: time.Millisecond}
	c.noticeIfSlow(func() { time.Sleep(50 * time.Millisecond) })
	if got := stderr.String(); got != slowLoadMessage+"\n" {
		t.Errorf("slow: stderr %q, want the notice once", got)
	}
	stderr.Reset()
	c.slowAfter = time.Hour
	c.noticeIfSlow(func() {})
	if stderr.Len() > 0 {
		t.Errorf("fast: stderr %q, want nothing", stderr.String())
	}
}

// TestRunInModule drives run in-process on a real module: diagnostics and
// exit 2 with nothing written, then -check (1), the rewrite (0), and a fresh
// -check (0).
func TestRunInModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	env := goEnv(t)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	writeFiles(t, dir, map[string]string{
		"svc/svc.go": "package svc\n\nimport \"context\"\n\n//zipkin:trace kind=nope\nfunc Get(ctx context.Context) {}\n",
	})
	if err := writeModule(dir, env); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	orig := readFile(t, "svc/svc.go")

	expect(t, []string{"./..."}, exitError, "", `svc/svc.go:5:21: bad kind "nope" (want client, server, producer or consumer)`+"\n")
	if readFile(t, "svc/svc.go") != orig {
		t.Fatal("a run with errors wrote svc/svc.go")
	}
	writeFiles(t, dir, map[string]string{"svc/svc.go": strings.Replace(orig, "kind=nope", "kind=server", 1)})
	expect(t, []string{"-check", "./..."}, exitStale, "svc/svc.go\n", "")
	expect(t, []string{"./..."}, exitOK, "", "")
	if !strings.Contains(readFile(t, "svc/svc.go"), "zipkin.Server") {
		t.Errorf("svc/svc.go not instrumented:\n%s", readFile(t, "svc/svc.go"))
	}
	expect(t, []string{"-check", "./..."}, exitOK, "", "")

	// An interrupted run writes nothing, whatever the engine got done.
	fresh := strings.Replace(orig, "kind=nope", "kind=server", 1)
	writeFiles(t, dir, map[string]string{"svc/svc.go": fresh})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	c := &cli{stdout: &out, stderr: &errOut, slowAfter: time.Hour, ctx: ctx}
	if code := c.run([]string{"./..."}); code != exitError || errOut.String() != "zipkingen: interrupted; nothing written\n" {
		t.Errorf("interrupted run: exit %d, stderr %q", code, errOut.String())
	}
	if readFile(t, "svc/svc.go") != fresh {
		t.Error("an interrupted run wrote svc/svc.go")
	}
}

func expect(t *testing.T, args []string, code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	got := run(args, &out, &errOut)
	gotErr := strings.ReplaceAll(errOut.String(), slowLoadMessage+"\n", "")
	if got != code || out.String() != stdout || gotErr != stderr {
		t.Errorf("run(%q) = %d\nstdout %q\nstderr %q\nwant %d, %q, %q", args, got, out.String(), gotErr, code, stdout, stderr)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
