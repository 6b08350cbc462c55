package textscan_test

import (
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker/textscan"
	"github.com/fzlint/fzlint/internal/seeds"
	"github.com/fzlint/fzlint/rules"
)

// BenchmarkFindAll runs a matcher of the built-in rule set's phrases (about as many as the
// checks' combined matcher has) over every line of the seed reports.
func BenchmarkFindAll(b *testing.B) {
	rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var phrases []string
	for _, w := range rs.WrongTerms {
		phrases = append(phrases, w.Wrong)
	}
	for _, t := range rs.StaleTerms {
		phrases = append(phrases, t.Term)
		phrases = append(phrases, t.Variants...)
	}
	phrases = append(phrases, rs.Years.Markers...)
	for _, r := range rs.Placeholders.Triggers {
		phrases = append(phrases, string(r))
	}
	for _, l := range rs.Numbers.Labels {
		phrases = append(phrases, l.Words...)
	}
	for _, r := range rs.Rates {
		phrases = append(phrases, r.Words...)
	}
	m := textscan.NewMatcher(phrases)
	lines, size := seeds.Lines(b, "../..")
	b.SetBytes(int64(size))
	var dst []textscan.Match
	for b.Loop() {
		for _, l := range lines {
			dst = m.FindAll(dst[:0], l)
		}
	}
}

// BenchmarkFused compares the one pass that finds the checks' phrases and the stale terms
// with the two passes it replaced, over every line of the seed reports.
func BenchmarkFused(b *testing.B) {
	rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var phrases, stale []string
	for _, w := range rs.WrongTerms {
		phrases = append(phrases, w.Wrong)
	}
	phrases = append(phrases, rs.Years.Markers...)
	for _, l := range rs.Numbers.Labels {
		phrases = append(phrases, l.Words...)
	}
	for _, t := range rs.StaleTerms {
		stale = append(stale, t.Variants...)
		stale = append(stale, t.Words...)
	}
	fold := map[rune]rune{}
	for _, r := range rs.TermMatching.Ignore {
		fold[r] = -1
	}
	m, o := textscan.NewMatcher(phrases), textscan.NewFoldingMatcher(stale, fold)
	lines, size := seeds.Lines(b, "../..")
	var dst, odst []textscan.Match
	b.Run("two", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, l := range lines {
				dst = m.FindAll(dst[:0], l)
				odst = o.FindAll(odst[:0], l)
			}
		}
	})
	pair := textscan.NewPair(m, o)
	b.Run("fused", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, l := range lines {
				dst, odst, _ = pair.FindAll(dst[:0], odst[:0], l)
			}
		}
	})
}
