package annotations

import (
	"bufio"
	"errors"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks what must hold for any comment a stranger writes: Parse
// never panics, an error points inside the text, and a successful parse
// formats back (String) to a directive that parses to the same thing.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.text)
	}
	for _, tt := range errorTests {
		f.Add(tt.text)
	}
	for _, line := range testdataDirectives(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := Parse(text, base)
		if err != nil {
			checkErrorPos(t, text, err)
			return
		}
		again, err := Parse(d.String(), base)
		if err != nil {
			t.Fatalf("Parse(%q) = %+v, but its String %q does not parse: %v", text, d, d.String(), err)
		}
		if stripPos(again) != stripPos(d) {
			t.Fatalf("Parse(%q) = %+v, String %q parses to %+v", text, stripPos(d), d.String(), stripPos(again))
		}
	})
}

func checkErrorPos(t *testing.T, text string, err error) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("Parse(%q): error %v is a %T, want *Error", text, err, err)
	}
	if perr.Offset < 0 || perr.Offset > len(text) || perr.Pos != base+token.Pos(perr.Offset) {
		t.Fatalf("Parse(%q): error %q at offset %d, pos %d: outside the text", text, perr.Msg, perr.Offset, perr.Pos)
	}
}

// testdataDirectives returns every //zipkin: comment found in the project's
// test inputs (golden cases and CLI scripts), from the prefix to the end of
// the line, so the fuzzer starts from the directives real cases use.
func testdataDirectives(f *testing.F) []string {
	var lines []string
	for _, root := range []string{"../testdata", "../cmd/zipkingen/testdata"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			lines = append(lines, fileDirectives(path)...)
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			f.Fatal(err)
		}
	}
	return lines
}

func fileDirectives(path string) []string {
	file, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer file.Close()
	var lines []string
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if i := strings.Index(sc.Text(), Prefix); i >= 0 {
			lines = append(lines, sc.Text()[i:])
		}
	}
	return lines
}
