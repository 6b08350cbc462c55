package checker

import (
	"slices"
	"testing"
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
