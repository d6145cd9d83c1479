package annotations

import (
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a syntax error in a directive. Its message follows go vet's style
// (lower case, no trailing period) and carries no position: Pos says where,
// so the caller can print file:line:col.
type Error struct {
	// Pos is the position of the offending byte: the pos given to Parse plus
	// Offset. It is token.NoPos when Parse was given token.NoPos.
	Pos token.Pos
	// Offset is the offending byte's offset in the comment text; it may equal
	// the text's length when something is missing at the end.
	Offset int
	Msg    string
}

// Error returns the message alone.
func (e *Error) Error() string { return e.Msg }

// IsDirective reports whether a comment's text is in the zipkin: namespace:
// it starts with //zipkin: (no space after the slashes). It is cheap enough
// to call on every comment of a file.
func IsDirective(text string) bool { return strings.HasPrefix(text, Prefix) }

// Parse parses one comment's text, such as `//zipkin:tag user.id req.UserID`,
// whose first byte is at pos. A returned error is an *Error.
func Parse(text string, pos token.Pos) (Directive, error) {
	p := &dirParser{text: text, base: pos}
	d, err := p.parse()
	if err != nil {
		return Directive{}, err
	}
	d.Pos = pos
	return d, nil
}

// dirParser walks one comment's text by byte offset.
type dirParser struct {
	text string
	base token.Pos
	off  int
}

func (p *dirParser) pos(off int) token.Pos {
	if p.base == token.NoPos {
		return token.NoPos
	}
	return p.base + token.Pos(off)
}

func (p *dirParser) errorf(off int, format string, args ...any) error {
	return &Error{Pos: p.pos(off), Offset: off, Msg: fmt.Sprintf(format, args...)}
}

func (p *dirParser) parse() (Directive, error) {
	if !IsDirective(p.text) {
		return Directive{}, p.errorf(0, "not a directive: want %s prefix", Prefix)
	}
	p.off = len(Prefix)
	nameEnd := p.wordEnd(p.off)
	name := p.text[p.off:nameEnd]
	if name == "" {
		return Directive{}, p.errorf(p.off, "missing directive name after %s", Prefix)
	}
	start := p.off
	p.off = nameEnd
	switch name {
	case "trace":
		return p.parseTrace()
	case "tag":
		return p.parseTag()
	case "annotate":
		return p.parseAnnotate()
	case "ignore":
		return p.parseIgnore()
	case "generated":
		return p.parseGenerated()
	}
	return Directive{}, p.errorf(start, "unknown directive //zipkin:%s", name)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// wordEnd returns the offset of the first space at or after off.
func (p *dirParser) wordEnd(off int) int {
	for off < len(p.text) && !isSpace(p.text[off]) {
		off++
	}
	return off
}

func (p *dirParser) skipSpace() {
	for p.off < len(p.text) && isSpace(p.text[p.off]) {
		p.off++
	}
}

// atEnd skips white space and reports whether only a trailing // comment, or
// nothing, is left.
func (p *dirParser) atEnd() bool {
	p.skipSpace()
	return p.off == len(p.text) || strings.HasPrefix(p.text[p.off:], "//")
}

// separated reports whether off is the end of the text or a space, i.e. a
// token that ended at off was not glued to the next one.
func (p *dirParser) separated(off int) bool {
	return off == len(p.text) || isSpace(p.text[off])
}

func (p *dirParser) parseIgnore() (Directive, error) {
	if !p.atEnd() {
		return Directive{}, p.errorf(p.off, "//zipkin:ignore takes no arguments")
	}
	return Directive{Kind: Ignore}, nil
}

func (p *dirParser) parseGenerated() (Directive, error) {
	d := Directive{Kind: Generated}
	for !p.atEnd() {
		end := p.wordEnd(p.off)
		word := p.text[p.off:end]
		field := generatedField(&d, word)
		if field == nil {
			return Directive{}, p.errorf(p.off, "unknown word %q in //zipkin:generated (want params, results, ctx=_, err=_, oneline or block)", word)
		}
		if *field {
			return Directive{}, p.errorf(p.off, "duplicate word %q in //zipkin:generated", word)
		}
		*field = true
		p.off = end
	}
	return d, nil
}

func generatedField(d *Directive, word string) *bool {
	for _, w := range generatedWords {
		if w.word == word {
			return w.field(d)
		}
	}
	return nil
}

func (p *dirParser) parseTrace() (Directive, error) {
	d := Directive{Kind: Trace}
	seen := map[string]bool{}
	for !p.atEnd() {
		keyOff := p.off
		key, err := p.traceKey()
		if err != nil {
			return Directive{}, err
		}
		if seen[key] {
			return Directive{}, p.errorf(keyOff, "duplicate key %q in //zipkin:trace", key)
		}
		seen[key] = true
		if err := p.traceValue(&d, key); err != nil {
			return Directive{}, err
		}
		if !p.separated(p.off) {
			return Directive{}, p.errorf(p.off, "missing space after value of %s", key)
		}
	}
	return d, nil
}

// traceKey reads `key=` and leaves p.off on the value.
func (p *dirParser) traceKey() (string, error) {
	start := p.off
	end := start
	for end < len(p.text) && isKeyLetter(p.text[end]) {
		end++
	}
	key := p.text[start:end]
	if key == "" {
		return "", p.errorf(start, "want key=value in //zipkin:trace, found %q", p.text[start:p.wordEnd(start)])
	}
	switch key {
	case "name", "kind", "remote", "sample":
	default:
		return "", p.errorf(start, "unknown key %q in //zipkin:trace (want name, kind, remote or sample)", key)
	}
	if end == len(p.text) || p.text[end] != '=' {
		return "", p.errorf(end, "missing = after %s", key)
	}
	p.off = end + 1
	return key, nil
}

func isKeyLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func (p *dirParser) traceValue(d *Directive, key string) error {
	switch key {
	case "kind":
		return p.kindValue(d)
	case "sample":
		return p.sampleValue(d)
	}
	start := p.off
	if start == len(p.text) || p.text[start] != '"' {
		return p.errorf(start, "value of %s must be a double-quoted string", key)
	}
	s, err := p.stringLit()
	if err != nil {
		return err
	}
	if s == "" {
		return p.errorf(start, "empty %s", key)
	}
	if key == "name" {
		d.Name = s
	} else {
		d.Remote = s
	}
	return nil
}

func (p *dirParser) kindValue(d *Directive) error {
	start := p.off
	end := p.wordEnd(start)
	word := p.text[start:end]
	for k, name := range spanKindNames {
		if name != "" && name == word {
			d.SpanKind = SpanKind(k)
			p.off = end
			return nil
		}
	}
	if word == "" {
		return p.errorf(start, "missing value of kind (want client, server, producer or consumer)")
	}
	return p.errorf(start, "bad kind %q (want client, server, producer or consumer)", word)
}

// stringLit reads the double-quoted literal at p.off and returns it
// unquoted, leaving p.off after the closing quote.
func (p *dirParser) stringLit() (string, error) {
	start := p.off
	end, ok := quotedEnd(p.text, start)
	if !ok {
		return "", p.errorf(start, "string literal not terminated")
	}
	s, err := strconv.Unquote(p.text[start:end])
	if err != nil {
		return "", p.errorf(start, "invalid string literal %s", p.text[start:end])
	}
	p.off = end
	return s, nil
}

// quotedEnd returns the offset just after the double-quoted literal that
// starts at text[start], honouring backslash escapes.
func quotedEnd(text string, start int) (int, bool) {
	for i := start + 1; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		case '\n':
			return 0, false
		}
	}
	return 0, false
}

func (p *dirParser) parseTag() (Directive, error) {
	if p.atEnd() {
		return Directive{}, p.errorf(p.off, "missing KEY in //zipkin:tag (want //zipkin:tag KEY VALUE)")
	}
	keyOff := p.off
	end := p.wordEnd(keyOff)
	key := p.text[keyOff:end]
	for i, r := range key {
		if r == '=' {
			// key=value is the trace directive's syntax; a tag's is KEY VALUE.
			return Directive{}, p.errorf(keyOff+i, "bad character '=' in tag key (want //zipkin:tag KEY VALUE, with a space)")
		}
		if r >= utf8.RuneSelf || !isTagKeyByte(byte(r)) {
			return Directive{}, p.errorf(keyOff+i, "bad character %s in tag key (want letters, digits and _ . - /)", quoteChar(key[i:]))
		}
	}
	p.off = end
	v, err := p.value("//zipkin:tag " + key)
	if err != nil {
		return Directive{}, err
	}
	return Directive{Kind: Tag, Key: key, KeyPos: p.pos(keyOff), Value: v}, nil
}

// quoteChar quotes the first character of s as Go would, or names the byte
// when s does not start with valid UTF-8.
func quoteChar(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte %#x", s[0])
	}
	return strconv.QuoteRune(r)
}

func isTagKeyByte(c byte) bool {
	return isKeyLetter(c) || c == '.' || c == '-' || c == '/'
}

func (p *dirParser) parseAnnotate() (Directive, error) {
	v, err := p.value("//zipkin:annotate")
	if err != nil {
		return Directive{}, err
	}
	return Directive{Kind: Annotate, Value: v}, nil
}

// value reads the VALUE that makes up the rest of the text: a string literal
// if that is all there is (a trailing // comment aside), else an expression.
func (p *dirParser) value(what string) (Value, error) {
	if p.atEnd() {
		return Value{}, p.errorf(p.off, "missing VALUE after %s", what)
	}
	start := p.off
	if p.text[start] == '"' {
		if v, ok, err := p.literalValue(); ok || err != nil {
			return v, err
		}
	}
	src := expressionText(p.text[start:])
	if _, err := parser.ParseExprFrom(token.NewFileSet(), "", src, 0); err != nil {
		return Value{}, p.exprError(start, err)
	}
	return Value{Kind: Expr, Text: src, Pos: p.pos(start)}, nil
}

// literalValue reads a string literal at p.off. It reports ok=false, with no
// error, when the literal is only the start of a longer expression such as
// "id:" + id; a literal followed by anything that is not an expression is an
// error.
func (p *dirParser) literalValue() (Value, bool, error) {
	start := p.off
	s, err := p.stringLit()
	if err != nil {
		return Value{}, false, err
	}
	litEnd := p.off
	if p.atEnd() {
		lit := p.text[start:litEnd]
		return Value{Kind: Literal, Text: lit, Str: s, Pos: p.pos(start)}, true, nil
	}
	junk := p.off
	src := expressionText(p.text[start:])
	if _, err := parser.ParseExprFrom(token.NewFileSet(), "", src, 0); err != nil {
		return Value{}, false, p.errorf(junk, "unexpected text after string literal")
	}
	p.off = start
	return Value{}, false, nil
}

// expressionText returns src up to a trailing // comment, trimmed. The Go
// scanner finds the comment, so "//" inside a string literal does not count.
func expressionText(src string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	end := len(src)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.COMMENT && strings.HasPrefix(lit, "//") {
			end = file.Offset(pos)
			break
		}
	}
	return strings.TrimFunc(src[:end], func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
}

// exprError turns go/parser's first error into an *Error pointing into the
// comment; the expression's text starts at offset start.
func (p *dirParser) exprError(start int, err error) error {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		off := start + list[0].Pos.Offset
		if off > len(p.text) {
			off = len(p.text)
		}
		return p.errorf(off, "invalid expression: %s", list[0].Msg)
	}
	return p.errorf(start, "invalid expression: %v", err)
}
