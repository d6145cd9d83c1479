package annotations

import (
	"errors"
	"go/token"
	"strings"
	"testing"
)

const base = token.Pos(100)

var parseTests = []struct {
	text string
	want Directive // Pos, KeyPos and Value.Pos are checked separately
}{
	{`//zipkin:trace`, Directive{Kind: Trace}},
	{`//zipkin:trace name="store.Get"`, Directive{Kind: Trace, Name: "store.Get"}},
	{`//zipkin:trace kind=client`, Directive{Kind: Trace, SpanKind: SpanClient}},
	{`//zipkin:trace kind=server`, Directive{Kind: Trace, SpanKind: SpanServer}},
	{`//zipkin:trace kind=producer`, Directive{Kind: Trace, SpanKind: SpanProducer}},
	{`//zipkin:trace kind=consumer`, Directive{Kind: Trace, SpanKind: SpanConsumer}},
	{`//zipkin:trace remote="db"`, Directive{Kind: Trace, Remote: "db"}},
	{`//zipkin:trace remote="db" kind=client name="a b"`, Directive{Kind: Trace, Name: "a b", SpanKind: SpanClient, Remote: "db"}},
	{`//zipkin:trace sample=0.01`, Directive{Kind: Trace, Sample: "0.01"}},
	{`//zipkin:trace kind=consumer sample=1 name="batch"`, Directive{Kind: Trace, Name: "batch", SpanKind: SpanConsumer, Sample: "1"}},
	{`//zipkin:trace sample=.5 // half`, Directive{Kind: Trace, Sample: ".5"}},
	{"//zipkin:trace\tname=\"x\\ty\"\t kind=server  ", Directive{Kind: Trace, Name: "x\ty", SpanKind: SpanServer}},
	{`//zipkin:trace name="a // not a comment"`, Directive{Kind: Trace, Name: "a // not a comment"}},
	{`//zipkin:trace kind=client // talks to the db`, Directive{Kind: Trace, SpanKind: SpanClient}},
	{`//zipkin:trace // just a comment`, Directive{Kind: Trace}},
	{`//zipkin:tag user.id req.UserID`, Directive{Kind: Tag, Key: "user.id", Value: Value{Kind: Expr, Text: "req.UserID"}}},
	{`//zipkin:tag http.url/path_x-1 "v"`, Directive{Kind: Tag, Key: "http.url/path_x-1", Value: Value{Kind: Literal, Text: `"v"`, Str: "v"}}},
	{`//zipkin:tag k "a\x41\"" // note`, Directive{Kind: Tag, Key: "k", Value: Value{Kind: Literal, Text: `"a\x41\""`, Str: `aA"`}}},
	{`//zipkin:tag k ""`, Directive{Kind: Tag, Key: "k", Value: Value{Kind: Literal, Text: `""`}}},
	{`//zipkin:tag k "id:" + id`, Directive{Kind: Tag, Key: "k", Value: Value{Kind: Expr, Text: `"id:" + id`}}},
	{`//zipkin:tag n len(items)   // count`, Directive{Kind: Tag, Key: "n", Value: Value{Kind: Expr, Text: "len(items)"}}},
	{`//zipkin:tag n x//glued comment`, Directive{Kind: Tag, Key: "n", Value: Value{Kind: Expr, Text: "x"}}},
	{`//zipkin:tag n f(/* inner */ x)`, Directive{Kind: Tag, Key: "n", Value: Value{Kind: Expr, Text: "f(/* inner */ x)"}}},
	{`//zipkin:tag q strings.Join(xs, "//")`, Directive{Kind: Tag, Key: "q", Value: Value{Kind: Expr, Text: `strings.Join(xs, "//")`}}},
	{"//zipkin:tag\tk\t`raw`", Directive{Kind: Tag, Key: "k", Value: Value{Kind: Expr, Text: "`raw`"}}},
	{`//zipkin:tag k m["x"].F(1, 2)[0]`, Directive{Kind: Tag, Key: "k", Value: Value{Kind: Expr, Text: `m["x"].F(1, 2)[0]`}}},
	{`//zipkin:annotate "cache miss"`, Directive{Kind: Annotate, Value: Value{Kind: Literal, Text: `"cache miss"`, Str: "cache miss"}}},
	{`//zipkin:annotate msg`, Directive{Kind: Annotate, Value: Value{Kind: Expr, Text: "msg"}}},
	{`//zipkin:annotate fmt.Sprint("retry ", n) // why`, Directive{Kind: Annotate, Value: Value{Kind: Expr, Text: `fmt.Sprint("retry ", n)`}}},
	{`//zipkin:ignore`, Directive{Kind: Ignore}},
	{`//zipkin:ignore   `, Directive{Kind: Ignore}},
	{`//zipkin:ignore // generated elsewhere`, Directive{Kind: Ignore}},
	{`//zipkin:generated`, Directive{Kind: Generated}},
	{`//zipkin:generated results`, Directive{Kind: Generated, Results: true}},
	{`//zipkin:generated err=_ ctx=_ results params`, Directive{Kind: Generated, Params: true, Results: true, CtxBlank: true, ErrBlank: true}},
	{`//zipkin:generated oneline`, Directive{Kind: Generated, Oneline: true}},
	{`//zipkin:generated block`, Directive{Kind: Generated, Block: true}},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		got, err := Parse(tt.text, base)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.text, err)
			continue
		}
		if got.Pos != base {
			t.Errorf("Parse(%q).Pos = %d, want %d", tt.text, got.Pos, base)
		}
		checkPart(t, tt.text, "KeyPos", got.KeyPos, tt.want.Key)
		checkPart(t, tt.text, "Value.Pos", got.Value.Pos, tt.want.Value.Text)
		if stripPos(got) != tt.want {
			t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.text, stripPos(got), tt.want)
		}
	}
}

// checkPart checks that pos points at part's first occurrence after the
// directive's name (or is NoPos when part is empty).
func checkPart(t *testing.T, text, what string, pos token.Pos, part string) {
	t.Helper()
	if part == "" {
		if pos != token.NoPos {
			t.Errorf("Parse(%q).%s = %d, want NoPos", text, what, pos)
		}
		return
	}
	nameEnd := strings.IndexAny(text[len(Prefix):], " \t") + len(Prefix)
	want := base + token.Pos(nameEnd+strings.Index(text[nameEnd:], part))
	if pos != want {
		t.Errorf("Parse(%q).%s = %d, want %d", text, what, pos, want)
	}
}

func stripPos(d Directive) Directive {
	d.Pos, d.KeyPos, d.Value.Pos = token.NoPos, token.NoPos, token.NoPos
	return d
}

var errorTests = []struct {
	text string
	at   string // the text from the offending byte on
	msg  string // a substring of the message
}{
	{`// zipkin:trace`, `// zipkin:trace`, "not a directive"},
	{`//zipkin:`, ``, "missing directive name"},
	{`//zipkin: trace`, ` trace`, "missing directive name"},
	{`//zipkin:Trace`, `Trace`, "unknown directive //zipkin:Trace"},
	{`//zipkin:traces name="x"`, `traces name="x"`, "unknown directive //zipkin:traces"},
	{`//zipkin:trace:x`, `trace:x`, "unknown directive //zipkin:trace:x"},
	{`//zipkin:trace foo="x"`, `foo="x"`, `unknown key "foo" in //zipkin:trace`},
	{`//zipkin:trace name="a" name="b"`, `name="b"`, `duplicate key "name" in //zipkin:trace`},
	{`//zipkin:trace kind=client kind=server`, `kind=server`, `duplicate key "kind"`},
	{`//zipkin:trace name "x"`, ` "x"`, "missing = after name"},
	{`//zipkin:trace name`, ``, "missing = after name"},
	{`//zipkin:trace "x"`, `"x"`, "want key=value"},
	{`//zipkin:trace =x`, `=x`, "want key=value"},
	{`//zipkin:trace name=x`, `x`, "value of name must be a double-quoted string"},
	{`//zipkin:trace remote=`, ``, "value of remote must be a double-quoted string"},
	{`//zipkin:trace name="x`, `"x`, "string literal not terminated"},
	{`//zipkin:trace name="x\"`, `"x\"`, "string literal not terminated"},
	{`//zipkin:trace name="\q"`, `"\q"`, "invalid string literal"},
	{`//zipkin:trace name=""`, `""`, "empty name"},
	{`//zipkin:trace remote=""`, `""`, "empty remote"},
	{`//zipkin:trace name="x"kind=client`, `kind=client`, "missing space after value of name"},
	{`//zipkin:trace kind=`, ``, "missing value of kind"},
	{`//zipkin:trace sample=`, ``, "missing value of sample"},
	{`//zipkin:trace sample=1.5`, `1.5`, "sample rate 1.5 is not between 0 and 1"},
	{`//zipkin:trace sample=1e-2`, `1e-2`, `bad sample rate "1e-2"`},
	{`//zipkin:trace sample=-0.1`, `-0.1`, `bad sample rate "-0.1"`},
	{`//zipkin:trace sample="0.1"`, `"0.1"`, `bad sample rate`},
	{`//zipkin:trace sample=0..1`, `0..1`, `bad sample rate`},
	{`//zipkin:trace sample=.`, `.`, `bad sample rate`},
	{`//zipkin:trace sample=0.1 sample=0.2`, `sample=0.2`, `duplicate key "sample"`},
	{`//zipkin:trace kind=Client`, `Client`, `bad kind "Client"`},
	{`//zipkin:trace kind="client"`, `"client"`, `bad kind`},
	{`//zipkin:trace kind=internal name="x"`, `internal name="x"`, `bad kind "internal"`},
	{`//zipkin:tag`, ``, "missing KEY"},
	{`//zipkin:tag   // comment`, `// comment`, "missing KEY"},
	{`//zipkin:tag user.id`, ``, "missing VALUE after //zipkin:tag user.id"},
	{`//zipkin:tag user.id // comment`, `// comment`, "missing VALUE"},
	{`//zipkin:tag us*er v`, `*er v`, `bad character '*' in tag key`},
	{`//zipkin:tag "k" v`, `"k" v`, `bad character '"' in tag key`},
	{`//zipkin:tag k=v v`, `=v v`, `bad character '=' in tag key (want //zipkin:tag KEY VALUE, with a space)`},
	{`//zipkin:tag user.id=id`, `=id`, `bad character '=' in tag key (want //zipkin:tag KEY VALUE, with a space)`},
	{`//zipkin:tag usér v`, `ér v`, `bad character 'é' in tag key`},
	{"//zipkin:tag k\xffz v", "\xffz v", `bad character byte 0xff in tag key`},
	{`//zipkin:tag k "abc" def`, `def`, "unexpected text after string literal"},
	{`//zipkin:tag k "abc`, `"abc`, "string literal not terminated"},
	{`//zipkin:tag k "\z"`, `"\z"`, "invalid string literal"},
	{`//zipkin:tag k a.`, ``, "invalid expression"},
	{`//zipkin:tag k f(x`, ``, "invalid expression"},
	{`//zipkin:tag k a b`, `b`, "invalid expression"},
	{`//zipkin:tag k a; b`, `; b`, "invalid expression"},
	{`//zipkin:tag k x // a.`, ``, ""}, // valid: the comment is not the expression
	{`//zipkin:annotate`, ``, "missing VALUE after //zipkin:annotate"},
	{`//zipkin:annotate    `, ``, "missing VALUE"},
	{`//zipkin:annotate 'a`, `'a`, "invalid expression"},
	{`//zipkin:annotate )`, `)`, "invalid expression"},
	{`//zipkin:ignore x`, `x`, "//zipkin:ignore takes no arguments"},
	{`//zipkin:ignore name="x"`, `name="x"`, "//zipkin:ignore takes no arguments"},
	{`//zipkin:generated result`, `result`, `unknown word "result"`},
	{`//zipkin:generated ctx=x`, `ctx=x`, `unknown word "ctx=x"`},
	{`//zipkin:generated params params`, `params`, `duplicate word "params"`},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		_, err := Parse(tt.text, base)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("Parse(%q): unexpected error %v", tt.text, err)
			}
			continue
		}
		var perr *Error
		if !errors.As(err, &perr) {
			t.Errorf("Parse(%q): error %v (%T), want *Error", tt.text, err, err)
			continue
		}
		wantOff := len(tt.text) - len(tt.at)
		if !strings.HasSuffix(tt.text, tt.at) || perr.Offset != wantOff || perr.Pos != base+token.Pos(wantOff) {
			t.Errorf("Parse(%q): error at offset %d (pos %d), want %d (at %q)", tt.text, perr.Offset, perr.Pos, wantOff, tt.at)
		}
		if !strings.Contains(perr.Msg, tt.msg) {
			t.Errorf("Parse(%q): message %q, want it to contain %q", tt.text, perr.Msg, tt.msg)
		}
		if m := perr.Msg; m == "" || m[len(m)-1] == '.' || strings.ToLower(m[:1]) != m[:1] {
			t.Errorf("Parse(%q): message %q is not in go vet style", tt.text, m)
		}
	}
}

func TestParseNoPos(t *testing.T) {
	_, err := Parse(`//zipkin:tag k`, token.NoPos)
	var perr *Error
	if !errors.As(err, &perr) || perr.Pos != token.NoPos || perr.Offset != len(`//zipkin:tag k`) {
		t.Fatalf("error = %#v, want NoPos with the offset", err)
	}
}

func TestIsDirective(t *testing.T) {
	for text, want := range map[string]bool{
		"//zipkin:trace":     true,
		"//zipkin:generated": true,
		"//zipkin:bogus":     true, // in the namespace, so Parse reports it
		"// zipkin:trace":    false,
		"/*zipkin:trace*/":   false,
		"//zipkin":           false,
		"//go:generate":      false,
		"":                   false,
	} {
		if got := IsDirective(text); got != want {
			t.Errorf("IsDirective(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestString(t *testing.T) {
	for _, tt := range []struct {
		d    Directive
		want string
	}{
		{Directive{Kind: Trace}, "//zipkin:trace"},
		{Directive{Kind: Trace, Name: `a"b`, SpanKind: SpanConsumer, Remote: "q"}, `//zipkin:trace name="a\"b" kind=consumer remote="q"`},
		{Directive{Kind: Trace, Remote: "q", Sample: "0.25"}, `//zipkin:trace remote="q" sample=0.25`},
		{Directive{Kind: Tag, Key: "k", Value: Value{Kind: Expr, Text: "x.Y"}}, "//zipkin:tag k x.Y"},
		{Directive{Kind: Annotate, Value: Value{Kind: Literal, Text: `"hi"`, Str: "hi"}}, `//zipkin:annotate "hi"`},
		{Directive{Kind: Ignore}, "//zipkin:ignore"},
		{Directive{Kind: Generated, ErrBlank: true, Results: true}, "//zipkin:generated results err=_"},
		{Directive{Kind: Generated, Oneline: true, Params: true}, "//zipkin:generated params oneline"},
		{Directive{Kind: Generated, Block: true, Oneline: true}, "//zipkin:generated oneline block"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestSpanKindNames(t *testing.T) {
	want := map[SpanKind][2]string{
		SpanUnspecified: {"", ""},
		SpanClient:      {"client", "Client"},
		SpanServer:      {"server", "Server"},
		SpanProducer:    {"producer", "Producer"},
		SpanConsumer:    {"consumer", "Consumer"},
		SpanKind(99):    {"", ""},
	}
	for k, w := range want {
		if k.String() != w[0] || k.GoName() != w[1] {
			t.Errorf("SpanKind(%d): %q %q, want %q %q", k, k.String(), k.GoName(), w[0], w[1])
		}
	}
	if Kind(0).String() != "invalid" || Kind(42).String() != "invalid" || Tag.String() != "tag" {
		t.Errorf("Kind names: %q %q %q", Kind(0), Kind(42), Tag)
	}
}

// BenchmarkParse measures the directives a typical traced function carries:
// the engine parses every //zipkin: comment of every file it loads.
func BenchmarkParse(b *testing.B) {
	texts := []string{
		`//zipkin:trace kind=client remote="db"`,
		`//zipkin:tag user.id req.UserID`,
		`//zipkin:annotate "cache miss"`,
		`//zipkin:generated results`,
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			if _, err := Parse(text, base); err != nil {
				b.Fatal(err)
			}
		}
	}
}
