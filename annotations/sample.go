package annotations

import "strconv"

// sampleValue reads the RATE of sample=: a plain decimal from 0 to 1
// ("0.01", "1", ".5"), kept as written so that the generator emits the
// same text. Exponents, signs, hex and underscores are refused: the value
// is read by people before it is read by Go.
func (p *dirParser) sampleValue(d *Directive) error {
	start := p.off
	end := p.wordEnd(start)
	word := p.text[start:end]
	if word == "" {
		return p.errorf(start, "missing value of sample (want a rate from 0 to 1, such as 0.01)")
	}
	if !isDecimal(word) {
		return p.errorf(start, "bad sample rate %q (want a decimal number from 0 to 1, such as 0.01)", word)
	}
	if r, err := strconv.ParseFloat(word, 64); err != nil || r < 0 || r > 1 {
		return p.errorf(start, "sample rate %s is not between 0 and 1", word)
	}
	d.Sample = word
	p.off = end
	return nil
}

// isDecimal reports whether s is digits with at most one '.', and at
// least one digit.
func isDecimal(s string) bool {
	digits, dots := 0, 0
	for i := range len(s) {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}
