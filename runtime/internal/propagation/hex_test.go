package propagation

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestParseHexEveryByte puts every byte value at every position of a
// 16-digit and a shorter ID and compares the result with strconv, the
// reference for what a hex digit is (upper case only where allowed).
func TestParseHexEveryByte(t *testing.T) {
	for _, base := range []string{"0123456789abcdef", "fedcba98", "a"} {
		for pos := range len(base) {
			for c := range 256 {
				s := base[:pos] + string([]byte{byte(c)}) + base[pos+1:]
				for _, upper := range []bool{false, true} {
					checkParseHex(t, s, upper)
				}
			}
		}
	}
}

func checkParseHex(t *testing.T, s string, upper bool) {
	t.Helper()
	want, err := strconv.ParseUint(s, 16, 64)
	wantOK := err == nil && (upper || s == strings.ToLower(s)) && !strings.ContainsAny(s, "+-_xX")
	got, ok := parseHex(s, upper)
	if ok != wantOK || (ok && got != want) {
		t.Errorf("parseHex(%q, upper=%v) = %#x, %v; want %#x, %v", s, upper, got, ok, want, wantOK)
	}
}

// TestParseHex16Values checks the word-at-a-time conversion on values with
// every nibble exercised, in both halves.
func TestParseHex16Values(t *testing.T) {
	for _, v := range []uint64{0, 1, 0x0123456789abcdef, 0xfedcba9876543210, 1 << 63, ^uint64(0), 0x00000000ffffffff, 0xffffffff00000000} {
		s := strconv.FormatUint(v, 16)
		s = strings.Repeat("0", 16-len(s)) + s
		for _, in := range []string{s, strings.ToUpper(s)} {
			got, ok := parseHex16(in, true)
			if !ok || got != v {
				t.Errorf("parseHex16(%q) = %#x, %v; want %#x", in, got, ok, v)
			}
		}
	}
}

// TestAppendHex64 compares the word-at-a-time formatting with strconv for
// every digit value at every position, over a background of zeros and of
// f's, for random values, and appending to a non-empty slice.
func TestAppendHex64(t *testing.T) {
	check := func(v uint64) {
		t.Helper()
		want := strconv.FormatUint(v, 16)
		want = "id=" + strings.Repeat("0", 16-len(want)) + want
		if got := string(AppendHex64([]byte("id="), v)); got != want {
			t.Fatalf("AppendHex64(%#x) = %q, want %q", v, got, want)
		}
	}
	for pos := range 16 {
		for d := range uint64(16) {
			check(d << (4 * pos))
			check(^uint64(0)&^(0xf<<(4*pos)) | d<<(4*pos))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		check(r.Uint64())
	}
}

func BenchmarkAppendHex64(b *testing.B) {
	buf := make([]byte, 0, 16)
	v := uint64(0x463ac35c9f6413ad)
	for b.Loop() {
		buf = AppendHex64(buf[:0], v)
		v++
	}
}
