// Package runtime_test holds the checks that apply to every package under
// runtime/: the code that users' programs link must stay dependency-free.
package runtime_test

import (
	"os/exec"
	"strings"
	"testing"
)

const modulePath = "github.com/zipkingen/zipkingen"

// TestRuntimeImportsOnlyStandardLibrary lists every dependency of the
// runtime packages and their tests; anything outside the standard library
// and the runtime itself would end up in every traced program.
func TestRuntimeImportsOnlyStandardLibrary(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	cmd := exec.Command(gobin, "list", "-deps", "-test",
		"-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", modulePath+"/runtime/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderrOf(err))
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg := basePackage(line)
		seen[pkg] = true
		if pkg != modulePath+"/runtime" && !strings.HasPrefix(pkg, modulePath+"/runtime/") {
			t.Errorf("runtime depends on %s, which is not in the standard library", line)
		}
	}
	if !seen[modulePath+"/runtime/zipkin"] {
		t.Fatalf("go list did not list runtime/zipkin: the check checked nothing:\n%s", out)
	}
}

// basePackage turns go list's names of test variants ("p [p.test]",
// "p_test", "p.test") into the package path p.
func basePackage(line string) string {
	pkg, _, _ := strings.Cut(line, " ")
	pkg = strings.TrimSuffix(pkg, ".test")
	return strings.TrimSuffix(pkg, "_test")
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// TestCoreDoesNotImportExpvar: importing expvar mounts /debug/vars on
// http.DefaultServeMux, so every instrumented program that serves
// DefaultServeMux would expose it. Publishing is opt-in (runtime/zipkinexpvar).
func TestCoreDoesNotImportExpvar(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", modulePath+"/runtime/zipkin",
		modulePath+"/runtime/zipkinhttp", modulePath+"/runtime/zipkinslog").Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderrOf(err))
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps listed too little to check: %q", deps)
	}
	for _, dep := range deps {
		if dep == "expvar" {
			t.Fatal("runtime/zipkin (or its integrations) imports expvar; only runtime/zipkinexpvar may")
		}
	}
}
