package zipkinsql

import "strings"

// VerbSpanName is a SpanName that names query and exec spans after the
// statement's first keyword ("sql.select", "sql.insert", "sql.update",
// "sql.delete", "sql.with", ...) and every other span after its operation.
// A statement that starts with anything else keeps the operation's name.
// It allocates nothing.
func VerbSpanName(op, query string) string {
	if op != OpQuery && op != OpExec {
		return op
	}
	word := firstWord(query)
	for _, v := range verbs {
		if strings.EqualFold(word, v.word) {
			return v.name
		}
	}
	return op
}

var verbs = []struct{ word, name string }{
	{"select", "sql.select"}, {"insert", "sql.insert"}, {"update", "sql.update"},
	{"delete", "sql.delete"}, {"with", "sql.with"}, {"upsert", "sql.upsert"},
	{"replace", "sql.replace"}, {"merge", "sql.merge"}, {"create", "sql.create"},
	{"drop", "sql.drop"}, {"alter", "sql.alter"}, {"truncate", "sql.truncate"},
	{"call", "sql.call"}, {"copy", "sql.copy"}, {"values", "sql.values"},
}

// firstWord is the statement's first run of letters, after white space
// and comments.
func firstWord(q string) string {
	for {
		q = strings.TrimLeft(q, " \t\r\n(")
		switch {
		case strings.HasPrefix(q, "--"):
			i := strings.IndexByte(q, '\n')
			if i < 0 {
				return ""
			}
			q = q[i+1:]
			continue
		case strings.HasPrefix(q, "/*"):
			i := strings.Index(q, "*/")
			if i < 0 {
				return ""
			}
			q = q[i+2:]
			continue
		}
		break
	}
	n := 0
	for n < len(q) && (q[n]|0x20 >= 'a' && q[n]|0x20 <= 'z') {
		n++
	}
	return q[:n]
}
