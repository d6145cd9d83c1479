package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/mod/modfile"
)

// TestMain lets the test binary double as the zipkingen command, which
// testscript puts on the scripts' PATH (so go generate finds it too).
func TestMain(m *testing.M) {
	if os.Getenv("ZIPKINGEN_TEST_AS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) // a child of the interrupt tests
	}
	testscript.Main(m, map[string]func(){
		"zipkingen": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: the real command on small
// modules, with go build, go generate and the instrumented binaries.
func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	env := goEnv(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"replace":   cmdReplace,
			"cmpstderr": cmdCmpStderr,
		},
		Setup: func(e *testscript.Env) error {
			e.Vars = append(e.Vars, env...)
			return writeModule(e.WorkDir, env)
		},
	})
}

// cmdReplace edits a file in a script: replace OLD NEW FILE replaces every
// OLD by NEW, and fails when there is no OLD (unquote-style \n and \t in
// OLD and NEW stand for newline and tab).
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace OLD NEW FILE")
	}
	unescape := strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace
	old, repl, file := unescape(args[0]), unescape(args[1]), ts.MkAbs(args[2])
	data, err := os.ReadFile(file)
	ts.Check(err)
	if !strings.Contains(string(data), old) {
		ts.Fatalf("replace: %q not found in %s", old, args[2])
	}
	ts.Check(os.WriteFile(file, []byte(strings.ReplaceAll(string(data), old, repl)), 0o666))
}

// cmdCmpStderr compares the last command's stderr with a file, or with
// nothing when no file is given, leaving out the slow-loading notice, which
// a busy machine may print on any run.
func cmdCmpStderr(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 1 {
		ts.Fatalf("usage: cmpstderr [FILE]")
	}
	got := strings.ReplaceAll(ts.ReadFile("stderr"), slowLoadMessage+"\n", "")
	want, name := "", "nothing"
	if len(args) == 1 {
		want, name = ts.ReadFile(args[0]), args[0]
	}
	if got != want {
		ts.Fatalf("stderr differs from %s:\n%s", name, diff.Diff("stderr", []byte(got), name, []byte(want)))
	}
}

// goEnv is what the go command in a script needs: the host's (warm) caches,
// no network, and freedom to complete go.mod and go.sum from the cache.
func goEnv(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	vals := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(vals) != 3 {
		t.Fatalf("go env: unexpected output %q", out)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return []string{
		"GOCACHE=" + vals[0],
		"GOMODCACHE=" + vals[1],
		"GOPATH=" + vals[2],
		"GOFLAGS=-mod=mod",
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GOWORK=off",
		"REPO=" + repo,
	}
}

// writeModule makes $WORK a module that requires this repository through a
// replace, unless the script brings its own go.mod (in which $REPO is
// expanded, and $REQUIRE becomes the main module's requirements). go.sum is the main module's, which lists every module the
// runtime's module graph needs.
func writeModule(work string, env []string) error {
	var repo string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "REPO="); ok {
			repo = v
		}
	}
	gomod := filepath.Join(work, "go.mod")
	data, err := os.ReadFile(gomod)
	if os.IsNotExist(err) {
		data, err = []byte(defaultGoMod), nil
	}
	if err != nil {
		return err
	}
	require, err := requireBlock(repo)
	if err != nil {
		return err
	}
	data = []byte(strings.NewReplacer("$REPO", repo, "$REQUIRE", require).Replace(string(data)))
	if err := os.WriteFile(gomod, data, 0o666); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(work, "go.sum")); err == nil {
		return nil
	}
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(work, "go.sum"), sum, 0o666)
}

// requireBlock returns the requirements of the module at repo as a go.mod
// require block.
func requireBlock(repo string) (string, error) {
	data, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		return "", err
	}
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("require (\n")
	for _, r := range f.Require {
		fmt.Fprintf(&b, "\t%s %s // indirect\n", r.Mod.Path, r.Mod.Version)
	}
	b.WriteString(")")
	return b.String(), nil
}

const defaultGoMod = `module example.com/app

go 1.24.0

require github.com/zipkingen/zipkingen v0.0.0

replace github.com/zipkingen/zipkingen => $REPO
`
