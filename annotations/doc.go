// Package annotations is the directive language of zipkingen: it parses one
// //zipkin: comment into a Directive, or into an error that points at the
// offending byte. It knows nothing of Go files or types; the generator
// (package rewrite) decides where directives may appear and type-checks
// their expressions.
//
// # Grammar
//
// A directive is a line comment with no space after the slashes. White space
// (spaces and tabs; the other ASCII spaces count too) separates the
// directive's name and arguments. After the arguments, white space followed by // starts
// a trailing comment, which is ignored, so that
//
//	//zipkin:trace kind=server // entry point of the API
//
// is accepted. In a VALUE, which runs to the end of the line, any // outside
// a string literal starts the comment; a // inside one does not.
//
//	directive = "//zipkin:" ( trace | tag | annotate | ignore | generated ) .
//	trace     = "trace" { " " ( name | kind | remote | sample ) } .   // each key at most once
//	name      = "name=" string .                            // non-empty
//	kind      = "kind=" ( "client" | "server" | "producer" | "consumer" ) .
//	remote    = "remote=" string .                          // non-empty
//	sample    = "sample=" RATE .                            // for traces the function starts
//	RATE      = /[0-9]+(\.[0-9]*)?|\.[0-9]+/ .               // a decimal from 0 to 1
//	tag       = "tag" " " KEY " " VALUE .
//	annotate  = "annotate" " " VALUE .
//	ignore    = "ignore" .                                  // no arguments
//	generated = "generated" { " " ( "params" | "results" | "ctx=_" | "err=_" | "oneline" | "block" ) } .
//	KEY       = /[A-Za-z0-9_.\-\/]+/ .
//	VALUE     = string | expression .
//	string    = a double-quoted Go string literal (strconv.Unquote) .
//
// Keys are written key=value with no space around the "="; values of name
// and remote are always quoted, the kind and the sample rate are bare
// words.
//
// A VALUE is the rest of the line, trimmed. When it is exactly one
// double-quoted string literal it is a Literal: a constant whose unquoted
// text is used. Otherwise it is an Expr, a Go expression evaluated in the
// function's scope (id, req.UserID, len(items), "user:"+id); Parse checks
// only its syntax, with go/parser.ParseExpr. A string literal followed by
// text that does not make an expression with it ("a" b) is an error.
//
// The generated directive is the marker that ends every statement the
// generator writes and the runtime import it adds (docs/DESIGN.md,
// "Generated code"); its optional words record what else was changed (the
// signature, a one-line body, a single import made a block) so that -strip
// can undo it.
//
// # Errors
//
// Unknown directives in the zipkin: namespace, unknown or duplicate keys, a
// missing "=", bad quoting, a bad kind, a missing or malformed KEY, a missing
// VALUE, arguments to ignore, unknown generated words and invalid expression
// syntax are errors. Each is an *Error whose Pos is the position of the
// offending byte and whose message is in go vet's style.
package annotations
