package annotations

import (
	"go/token"
	"strconv"
	"strings"
)

// Prefix starts every directive: a line comment with no space after the
// slashes, like //go: directives.
const Prefix = "//zipkin:"

// Kind says which directive a comment is.
type Kind uint8

// The directives. The zero Kind is never returned by a successful Parse.
const (
	Trace     Kind = iota + 1 // //zipkin:trace [name="…"] [kind=…] [remote="…"] [sample=RATE]
	Tag                       // //zipkin:tag KEY VALUE
	Annotate                  // //zipkin:annotate VALUE
	Ignore                    // //zipkin:ignore
	Generated                 // //zipkin:generated [params] [results] [ctx=_] [err=_] [oneline] [block]
)

var kindNames = [...]string{
	Trace:     "trace",
	Tag:       "tag",
	Annotate:  "annotate",
	Ignore:    "ignore",
	Generated: "generated",
}

// String returns the directive's name as written after the prefix, such as
// "trace"; the zero Kind is "invalid".
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "invalid"
}

// SpanKind is the kind= argument of //zipkin:trace.
type SpanKind uint8

// The span kinds of Zipkin v2. SpanUnspecified means no kind= was given.
const (
	SpanUnspecified SpanKind = iota
	SpanClient
	SpanServer
	SpanProducer
	SpanConsumer
)

var spanKindNames = [...]string{
	SpanClient:   "client",
	SpanServer:   "server",
	SpanProducer: "producer",
	SpanConsumer: "consumer",
}

// String returns the kind as written in a directive ("client"), or "" for
// SpanUnspecified.
func (k SpanKind) String() string {
	if int(k) < len(spanKindNames) {
		return spanKindNames[k]
	}
	return ""
}

// GoName returns the name of the matching constant of the runtime package
// zipkin ("Client"), or "" for SpanUnspecified, so that the generator can
// write zipkin.WithKind(zipkin.Client) without a table of its own.
func (k SpanKind) GoName() string {
	s := k.String()
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ValueKind says how a VALUE was written.
type ValueKind uint8

// The two forms of a VALUE.
const (
	// Literal is one double-quoted Go string literal: a constant string.
	Literal ValueKind = iota + 1
	// Expr is a Go expression evaluated in the function's scope; only its
	// syntax has been checked, the generator type-checks it.
	Expr
)

// Value is the VALUE of //zipkin:tag and //zipkin:annotate.
type Value struct {
	Kind ValueKind
	// Text is the value as written, trimmed: the quoted literal with its
	// quotes, or the expression's source text.
	Text string
	// Str is the unquoted string of a Literal, "" for an Expr.
	Str string
	// Pos is the position of the value's first byte, so that type errors in
	// an expression can point into the comment.
	Pos token.Pos
}

// Directive is one parsed //zipkin: comment. Which fields are set depends on
// Kind; the others are zero.
type Directive struct {
	Kind Kind
	// Pos is the position of the comment's first slash.
	Pos token.Pos

	// Trace: the optional arguments; "" and SpanUnspecified when absent.
	Name     string
	SpanKind SpanKind
	Remote   string
	Sample   string // the rate for traces the function starts, as written ("0.01")

	// Tag: the key and its position. Tag and Annotate: the value.
	Key    string
	KeyPos token.Pos
	Value  Value

	// Generated: the words recording what the generator changed beyond
	// adding statements, so that -strip can undo it (see docs/DESIGN.md).
	Params   bool // params: the parameters were all unnamed
	Results  bool // results: the results were all unnamed
	CtxBlank bool // ctx=_: the context parameter was _
	ErrBlank bool // err=_: the error result was _
	Oneline  bool // oneline: the body was on one line; -strip joins it back
	// Block marks the runtime import: the file's import declaration was a
	// single unparenthesized import, made a block to hold the runtime's.
	Block bool // block
}

// String formats d back into a directive comment that Parse accepts and
// parses to an equal Directive (positions aside). Trace arguments and
// generated words come out in a fixed order; values are written as they
// were read.
func (d Directive) String() string {
	var b strings.Builder
	b.WriteString(Prefix)
	b.WriteString(d.Kind.String())
	switch d.Kind {
	case Trace:
		d.writeTraceArgs(&b)
	case Tag:
		b.WriteString(" " + d.Key + " " + d.Value.Text)
	case Annotate:
		b.WriteString(" " + d.Value.Text)
	case Generated:
		for _, w := range d.GeneratedWords() {
			b.WriteString(" " + w)
		}
	}
	return b.String()
}

func (d Directive) writeTraceArgs(b *strings.Builder) {
	if d.Name != "" {
		b.WriteString(" name=" + strconv.Quote(d.Name))
	}
	if d.SpanKind != SpanUnspecified {
		b.WriteString(" kind=" + d.SpanKind.String())
	}
	if d.Remote != "" {
		b.WriteString(" remote=" + strconv.Quote(d.Remote))
	}
	if d.Sample != "" {
		b.WriteString(" sample=" + d.Sample)
	}
}

// GeneratedWords returns the words of a Generated directive in their
// canonical order: params, results, ctx=_, err=_, oneline, block.
func (d Directive) GeneratedWords() []string {
	var words []string
	for _, w := range generatedWords {
		if *w.field(&d) {
			words = append(words, w.word)
		}
	}
	return words
}

// generatedWords ties each word of the marker to its field; the order is the
// canonical one that String writes.
var generatedWords = [...]struct {
	word  string
	field func(*Directive) *bool
}{
	{"params", func(d *Directive) *bool { return &d.Params }},
	{"results", func(d *Directive) *bool { return &d.Results }},
	{"ctx=_", func(d *Directive) *bool { return &d.CtxBlank }},
	{"err=_", func(d *Directive) *bool { return &d.ErrBlank }},
	{"oneline", func(d *Directive) *bool { return &d.Oneline }},
	{"block", func(d *Directive) *bool { return &d.Block }},
}
