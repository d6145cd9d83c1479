package zipkin

// matchGlob reports whether name matches pattern, where '*' matches any
// run of bytes (including none and including '/', unlike path.Match: tag
// keys and routes contain slashes) and every other byte matches itself.
// With fold, ASCII letters match regardless of case: a redaction pattern
// "password" must catch "Password" too.
//
// It runs in time O(len(pattern)·len(name)) at worst, without allocating:
// the classic backtracking over the last star only, which is enough
// because a star can absorb whatever a later star would.
func matchGlob(pattern, name string, fold bool) bool {
	p, n := 0, 0
	star, mark := -1, 0 // the last star seen and where in name it began
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && sameByte(pattern[p], name[n], fold):
			p++
			n++
		case star >= 0:
			mark++
			p, n = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func sameByte(a, b byte, fold bool) bool {
	if a == b {
		return true
	}
	return fold && lowerASCII(a) == lowerASCII(b)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
