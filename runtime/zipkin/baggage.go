package zipkin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Baggage: named fields that travel with a trace, across processes, in
// the W3C "baggage" header and in B3-style "baggage-<name>" headers (the
// headers zipkin-go's baggage handler reads and writes when its fields
// are registered under those names). Only the fields named in
// Options.Baggage (ZIPKIN_BAGGAGE) are read, set or sent; without any,
// baggage costs a length check.

// The limits of baggage. The header limits are the W3C Baggage
// specification's; a field's value is capped far lower, because baggage
// is copied into every outgoing request of the trace.
const (
	MaxBaggageHeaderBytes = 8192 // a "baggage" header longer than this is ignored whole
	MaxBaggageEntries     = 180  // a "baggage" header with more list members is ignored whole
	MaxBaggageValueBytes  = 256  // a longer value (after percent-decoding) is dropped
)

// baggageHeader is the W3C header; b3BaggagePrefix starts the B3-style ones.
const (
	baggageHeader   = "baggage"
	b3BaggagePrefix = "baggage-"
)

// baggageKey is the context key of the fields; the value is a *baggage.
type baggageKey struct{}

// baggage is an immutable set of fields: setting one copies the set, so a
// context shared between goroutines is never written.
type baggage struct {
	fields []baggageField
}

type baggageField struct{ name, value string }

func (b *baggage) get(name string) (string, bool) {
	if b == nil {
		return "", false
	}
	for _, f := range b.fields {
		if f.name == name {
			return f.value, true
		}
	}
	return "", false
}

// with returns a copy of b with name set to value.
func (b *baggage) with(name, value string) *baggage {
	out := &baggage{}
	if b != nil {
		out.fields = make([]baggageField, 0, len(b.fields)+1)
		for _, f := range b.fields {
			if f.name != name {
				out.fields = append(out.fields, f)
			}
		}
	}
	out.fields = append(out.fields, baggageField{name, value})
	return out
}

func baggageFrom(ctx context.Context) *baggage {
	if ctx == nil {
		return nil
	}
	b, _ := ctx.Value(baggageKey{}).(*baggage)
	return b
}

// BaggageValue returns the value of the baggage field name in ctx, and
// whether ctx has it. Names are matched in lower case.
func BaggageValue(ctx context.Context, name string) (string, bool) {
	return baggageFrom(ctx).get(strings.ToLower(name))
}

// RangeBaggage calls f for each baggage field in ctx, in the order they
// were set, until f returns false.
func RangeBaggage(ctx context.Context, f func(name, value string) bool) {
	if b := baggageFrom(ctx); b != nil {
		for _, fl := range b.fields {
			if !f(fl.name, fl.value) {
				return
			}
		}
	}
}

// WithBaggage returns ctx with the baggage field name set to value, for
// the default tracer: see Tracer.WithBaggage.
func WithBaggage(ctx context.Context, name, value string) context.Context {
	return Default().WithBaggage(ctx, name, value)
}

// WithBaggage returns ctx with the baggage field name set to value. It
// returns ctx unchanged when name is not in t's Options.Baggage, or value
// is not fit to travel: longer than MaxBaggageValueBytes, not UTF-8, or
// holding control characters (which no header may carry).
func (t *Tracer) WithBaggage(ctx context.Context, name, value string) context.Context {
	name = strings.ToLower(name)
	if t == nil || !t.allowsBaggage(name) || !validBaggageValue(value) {
		return ctx
	}
	return context.WithValue(ctx, baggageKey{}, baggageFrom(ctx).with(name, value))
}

// BaggageFields returns the allow-listed field names (lower case).
func (t *Tracer) BaggageFields() []string {
	if t == nil {
		return nil
	}
	return t.baggage
}

func (t *Tracer) allowsBaggage(name string) bool { return t.baggageIndex(name) >= 0 }

// validBaggageValue: short, UTF-8, no control characters.
func validBaggageValue(v string) bool {
	if len(v) > MaxBaggageValueBytes || !utf8.ValidString(v) {
		return false
	}
	for i := range len(v) {
		if c := v[i]; c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// validBaggageName reports whether name is an HTTP token (RFC 9110), the
// W3C baggage key syntax, so that it can also be a header name.
func validBaggageName(name string) bool {
	if name == "" {
		return false
	}
	for i := range len(name) {
		if !isTokenChar(name[i]) {
			return false
		}
	}
	return true
}

func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// ParseBaggageFields splits a ZIPKIN_BAGGAGE value, a comma list of field
// names ("tenant-id,request-id"), into lower-case names.
func ParseBaggageFields(list string) ([]string, error) {
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if !validBaggageName(n) {
			return nil, fmt.Errorf("baggage field name %q is not a header token", n)
		}
		if !containsString(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// validateBaggage checks Options.Baggage.
func validateBaggage(names []string) error {
	var errs []error
	if len(baggageNames(names)) > maxBaggageFields {
		errs = append(errs, fmt.Errorf("zipkin: Options.Baggage: more than %d fields", maxBaggageFields))
	}
	for _, n := range names {
		if !validBaggageName(strings.TrimSpace(n)) {
			errs = append(errs, fmt.Errorf("zipkin: Options.Baggage: field name %q is not a header token", n))
		}
	}
	return errors.Join(errs...)
}

// baggageNames is Options.Baggage normalized: trimmed, lower case, once each.
func baggageNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" && !containsString(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// ExtractBaggage returns ctx with the allow-listed baggage fields found in
// c, for the default tracer: see Tracer.ExtractBaggage.
func ExtractBaggage(ctx context.Context, c Carrier) context.Context {
	return Default().ExtractBaggage(ctx, c)
}

// ExtractBaggage returns ctx with the baggage fields of t's allow-list
// that c carries: from the W3C "baggage" header first, then from
// "baggage-<name>" headers for fields it did not have. A "baggage" header
// over MaxBaggageHeaderBytes or MaxBaggageEntries is ignored whole; a
// malformed member, or a value that is too long or not fit to travel, is
// dropped. Nothing is kept that was not allow-listed, so nothing else is
// ever sent on. Without an allow-list it returns ctx at once.
//
// Call it only for trusted callers: zipkinhttp's middleware skips it at
// an UntrustedEdge.
func (t *Tracer) ExtractBaggage(ctx context.Context, c Carrier) context.Context {
	if t == nil || len(t.baggage) == 0 || c == nil {
		return ctx
	}
	b := baggageFrom(ctx)
	var fromW3C uint64 // bit i: t.baggage[i] came in the W3C header
	parseW3CBaggage(c.Get(baggageHeader), func(name, value string) {
		if i := t.baggageIndex(name); i >= 0 && fromW3C&(1<<i) == 0 {
			b, fromW3C = b.with(name, value), fromW3C|1<<i
		}
	})
	changed := fromW3C != 0
	for i, name := range t.baggage {
		if fromW3C&(1<<i) != 0 {
			continue
		}
		if v := c.Get(b3BaggagePrefix + name); v != "" && validBaggageValue(v) {
			b, changed = b.with(name, v), true
		}
	}
	if !changed {
		return ctx
	}
	return context.WithValue(ctx, baggageKey{}, b)
}

// baggageIndex is name's index in the allow-list, or -1.
func (t *Tracer) baggageIndex(name string) int {
	for i, n := range t.baggage {
		if n == name {
			return i
		}
	}
	return -1
}

// maxBaggageFields bounds the allow-list (a bit set tracks it).
const maxBaggageFields = 64

// parseW3CBaggage calls f for each well-formed member of a W3C baggage
// header (https://www.w3.org/TR/baggage/): key=value, optional
// ;properties (ignored), members separated by commas, optional white
// space around each part; values percent-decoded. Keys are passed in lower
// case. It calls f for nothing when the header is over the limits.
func parseW3CBaggage(h string, f func(name, value string)) {
	if h == "" || len(h) > MaxBaggageHeaderBytes || strings.Count(h, ",") >= MaxBaggageEntries {
		return
	}
	for member := range strings.SplitSeq(h, ",") {
		if i := strings.IndexByte(member, ';'); i >= 0 {
			member = member[:i] // properties carry nothing we propagate
		}
		k, v, ok := strings.Cut(member, "=")
		if !ok {
			continue
		}
		k, v = strings.Trim(k, " \t"), strings.Trim(v, " \t")
		if !validBaggageName(k) {
			continue
		}
		value, ok := decodeBaggageValue(v)
		if !ok || !validBaggageValue(value) {
			continue
		}
		f(strings.ToLower(k), value)
	}
}

// isBaggageOctet is the W3C baggage-octet: printable ASCII except space,
// '"', ',', ';' and '\'.
func isBaggageOctet(c byte) bool {
	return c == 0x21 || 0x23 <= c && c <= 0x2b || 0x2d <= c && c <= 0x3a || 0x3c <= c && c <= 0x5b || 0x5d <= c && c <= 0x7e
}

// decodeBaggageValue percent-decodes a value made of baggage-octets.
func decodeBaggageValue(v string) (string, bool) {
	if len(v) > 3*MaxBaggageValueBytes {
		return "", false
	}
	if !strings.Contains(v, "%") {
		for i := range len(v) {
			if !isBaggageOctet(v[i]) {
				return "", false
			}
		}
		return v, true
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '%' {
			if i+2 >= len(v) || unhex(v[i+1]) < 0 || unhex(v[i+2]) < 0 {
				return "", false
			}
			out = append(out, byte(unhex(v[i+1])<<4|unhex(v[i+2])))
			i += 2
			continue
		}
		if !isBaggageOctet(c) {
			return "", false
		}
		out = append(out, c)
	}
	return string(out), true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// appendBaggageValue percent-encodes v for the W3C header.
func appendBaggageValue(dst []byte, v string) []byte {
	const hex = "0123456789ABCDEF"
	for i := range len(v) {
		c := v[i]
		if isBaggageOctet(c) && c != '%' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hex[c>>4], hex[c&15])
	}
	return dst
}

// injectBaggage writes the fields in ctx that t allows: the W3C header
// and one "baggage-<name>" header each.
func (t *Tracer) injectBaggage(ctx context.Context, c Carrier) {
	b := baggageFrom(ctx)
	if b == nil {
		return
	}
	var w3c []byte
	for _, f := range b.fields {
		if !t.allowsBaggage(f.name) {
			continue
		}
		if len(w3c) > 0 {
			w3c = append(w3c, ',')
		}
		w3c = append(w3c, f.name...)
		w3c = append(w3c, '=')
		w3c = appendBaggageValue(w3c, f.value)
		c.Set(b3BaggagePrefix+f.name, f.value)
	}
	if len(w3c) > 0 && len(w3c) <= MaxBaggageHeaderBytes {
		c.Set(baggageHeader, string(w3c))
	}
}

// injectBaggageHeader is injectBaggage for http.Header.
func (t *Tracer) injectBaggageHeader(ctx context.Context, h http.Header) {
	t.injectBaggage(ctx, HeaderCarrier(h))
}

// tagBaggage copies the baggage in the span's parent context to its tags
// (Options.BaggageTags); s.mu is held.
func tagBaggage(s *Span) {
	b := baggageFrom(s.node.parent)
	if b == nil {
		return
	}
	for _, f := range b.fields {
		s.setTagLocked(f.name, f.value, 0, tagString)
	}
}
