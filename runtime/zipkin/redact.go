package zipkin

import (
	"errors"
	"net/url"
	"strings"
)

// redacted stands in for what is never printed.
const redacted = "xxxxx"

// redactURL returns a collector URL fit to print: the password of its
// userinfo and every query value (an API key travels there) replaced by
// xxxxx, and the fragment too. It works on the raw text, so that a value
// that does not parse as a URL is redacted all the same: an error message
// must say what is wrong without echoing a secret.
func redactURL(raw string) string {
	rest, scheme := raw, ""
	if i := strings.Index(raw, "://"); i >= 0 {
		scheme, rest = raw[:i+3], raw[i+3:]
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		user := authority[:at]
		if colon := strings.IndexByte(user, ':'); colon >= 0 {
			user = user[:colon+1] + redacted
		}
		authority = user + authority[at:]
	}
	if i := strings.IndexByte(tail, '#'); i >= 0 {
		tail = tail[:i+1] + redacted
	}
	if q := strings.IndexByte(tail, '?'); q >= 0 {
		query, frag := tail[q+1:], ""
		if f := strings.IndexByte(query, '#'); f >= 0 {
			query, frag = query[:f], query[f:]
		}
		tail = tail[:q+1] + redactQuery(query) + frag
	}
	return scheme + authority + tail
}

// redactQuery keeps the keys of a query and replaces its values; a
// parameter without "=" may itself be the secret and is replaced whole.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	params := strings.Split(q, "&")
	for i, p := range params {
		switch k, _, ok := strings.Cut(p, "="); {
		case ok:
			params[i] = k + "=" + redacted
		case p != "":
			params[i] = redacted
		}
	}
	return strings.Join(params, "&")
}

// redactError redacts the URL of a *url.Error in err (what net/http's
// client returns, with the query verbatim), so that the delivery error
// can be logged and published as Stats.LastError.
func redactError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = redactURL(ue.URL)
	}
	return err
}
