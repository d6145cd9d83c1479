package docs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// snippet is one fenced ```go block of README.md.
type snippet struct {
	line int    // 1-based line of the opening fence
	tag  string // from a preceding <!-- readme:TAG --> comment, if any
	text string
}

func readmeSnippets(t *testing.T) []snippet {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var (
		out     []snippet
		cur     *snippet
		lastTag string
		buf     strings.Builder
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "<!-- readme:"):
			lastTag = strings.TrimSuffix(strings.TrimPrefix(line, "<!-- readme:"), " -->")
		case cur == nil && line == "```go":
			cur = &snippet{line: n, tag: lastTag}
			buf.Reset()
		case cur != nil && line == "```":
			cur.text = buf.String()
			out = append(out, *cur)
			cur, lastTag = nil, ""
		case cur != nil:
			buf.WriteString(line)
			buf.WriteByte('\n')
		case strings.TrimSpace(line) != "":
			lastTag = ""
		}
	}
	if cur != nil {
		t.Fatalf("README.md:%d: unterminated ```go block", cur.line)
	}
	return out
}

// TestReadmeSnippetsCompile builds every ```go block of README.md as its own
// package in a scratch module that uses this repository through a replace
// directive, so a snippet that drifts from the real API fails here.
func TestReadmeSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every README snippet with the go command")
	}
	snippets := readmeSnippets(t)
	if len(snippets) == 0 {
		t.Fatal("README.md has no ```go blocks: the parser or the README is broken")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	gomod := fmt.Sprintf("module example.com/readme\n\ngo 1.24\n\nrequire github.com/zipkingen/zipkingen v0.0.0\n\nreplace github.com/zipkingen/zipkingen => %s\n", root)
	writeFile(t, filepath.Join(mod, "go.mod"), gomod)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "go.sum"), string(sum))
	for i, s := range snippets {
		if !strings.HasPrefix(strings.TrimSpace(s.text), "package ") {
			t.Errorf("README.md:%d: a ```go block must be a whole file starting with its package clause", s.line)
			continue
		}
		writeFile(t, filepath.Join(mod, fmt.Sprintf("s%02d", i), "snippet.go"), s.text)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("README snippets do not compile (sNN = the NNth ```go block):\n%s", mapSnippetLines(string(out), snippets))
	}
}

// mapSnippetLines rewrites "sNN/snippet.go:L" into "README.md:(fence+L)".
func mapSnippetLines(out string, snippets []snippet) string {
	for i, s := range snippets {
		prefix := fmt.Sprintf("s%02d/snippet.go:", i)
		for {
			j := strings.Index(out, prefix)
			if j < 0 {
				break
			}
			rest := out[j+len(prefix):]
			var l int
			if _, err := fmt.Sscanf(rest, "%d", &l); err != nil {
				out = out[:j] + fmt.Sprintf("README.md (block at line %d):", s.line) + rest
				continue
			}
			digits := len(fmt.Sprint(l))
			out = out[:j] + fmt.Sprintf("README.md:%d", s.line+l) + rest[digits:]
		}
	}
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadmeBeforeAfter runs the real generator on each README block tagged
// <!-- readme:before NAME --> and requires the block tagged
// <!-- readme:after NAME --> to be exactly what it writes, so the README
// never shows generated code that zipkingen does not generate.
func TestReadmeBeforeAfter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	before, after := map[string]string{}, map[string]string{}
	for _, s := range readmeSnippets(t) {
		switch {
		case strings.HasPrefix(s.tag, "before "):
			before[strings.TrimPrefix(s.tag, "before ")] = s.text
		case strings.HasPrefix(s.tag, "after "):
			after[strings.TrimPrefix(s.tag, "after ")] = s.text
		}
	}
	if len(before) == 0 {
		t.Fatal("README.md has no <!-- readme:before NAME --> block")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "zipkingen")
	build := exec.Command("go", "build", "-o", bin, "./cmd/zipkingen")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building zipkingen: %v\n%s", err, out)
	}
	for name, src := range before {
		want, ok := after[name]
		if !ok {
			t.Errorf("README.md: before block %q has no after block", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			mod := t.TempDir()
			writeFile(t, filepath.Join(mod, "go.mod"), fmt.Sprintf("module example.com/readme\n\ngo 1.24\n\nrequire github.com/zipkingen/zipkingen v0.0.0\n\nreplace github.com/zipkingen/zipkingen => %s\n", root))
			sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(mod, "go.sum"), string(sum))
			file := filepath.Join(mod, "pkg", "snippet.go")
			writeFile(t, file, src)
			cmd := exec.Command(bin, "./pkg")
			cmd.Dir = mod
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("zipkingen: %v\n%s", err, out)
			}
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("README's after block %q differs from what zipkingen writes; it writes:\n%s", name, got)
			}
		})
	}
}
