// Package suggest finds what a user probably meant by a mistyped name (a subcommand, a flag, a
// rule id), for "did you mean" hints.
package suggest

import "strings"

// Closest returns the candidate s was probably meant to be, or "" when none is close: a
// candidate whose last path element is s (punctuation-width for language/punctuation-width),
// else the nearest by edit distance, if at most a third of s's characters (and at most 3) differ.
func Closest(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	for _, c := range candidates {
		if i := strings.LastIndexByte(c, '/'); i >= 0 && c[i+1:] == s {
			return c
		}
	}
	rs := []rune(s)
	limit := min(3, max(1, len(rs)/3))
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := distance(rs, []rune(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b (insertions, deletions, substitutions;
// an adjacent transposition counts once).
func distance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
