package checker

import (
	"math"
	"slices"
	"testing"
	"unicode/utf8"
)

// leadingRunes decodes as []rune does, invalid bytes included, and stops at n characters.
func FuzzLeadingRunes(f *testing.F) {
	for _, s := range []string{"", "abc", "2024年，全县共办理行政复议案件16件", "\xe4\xb8x\xff中", "１２３４５,汉字"} {
		f.Add(s, 3)
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 {
			n = -n
		}
		n %= 1 << 16
		want := []rune(s)
		want = want[:min(n, len(want))]
		if got := leadingRunes(s, n); !slices.Equal(got, want) {
			t.Fatalf("leadingRunes(%q, %d) = %q, want %q", s, n, got, want)
		}
	})
}

// countHan stopped at most is the full count, capped: the caller, which only needs to know
// whether a part reaches its minimum, sees the same sum below it and the same verdict.
func FuzzCountHan(f *testing.F) {
	for _, s := range []string{"", "abc", "一、主要举措和成效", "\xe4\xb8x中文\xe9", "丁一乀"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, most int) {
		most = max(most%100, -most%100)
		full := countHan(s, math.MaxInt)
		if got := countHan(s, most); got != min(full, most) {
			t.Fatalf("countHan(%q, %d) = %d, full count %d", s, most, got, full)
		}
		if utf8.ValidString(s) {
			want := 0
			for _, r := range s {
				if r >= 0x4E00 && r <= 0x9FFF {
					want++
				}
			}
			if full != want {
				t.Fatalf("countHan(%q) = %d, want %d", s, full, want)
			}
		}
	})
}
