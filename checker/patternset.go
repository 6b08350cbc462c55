package checker

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/rules"
)

// patternSet matches a line against a list of patterns one by one, each behind a cheap test
// for a literal it cannot match without. Joined into one alternation, patterns that are not all
// anchored make Go's regexp try every branch at every position of the line; apart, an anchored
// pattern is tried once, and most patterns are ruled out by strings.Contains.
type patternSet []literalPattern

type literalPattern struct {
	required string // a substring every match contains ("" when there is none to rely on)
	re       *regexp.Regexp
}

func newPatternSet(ps rules.Patterns) patternSet {
	var set patternSet
	for _, p := range ps {
		if p.Regexp != nil {
			set = append(set, literalPattern{required: requiredLiteral(p.String()), re: p.Regexp})
		}
	}
	return set
}

// MatchString reports whether any pattern matches s.
func (set patternSet) MatchString(s string) bool {
	for i := range set {
		p := &set[i]
		if p.required != "" && !strings.Contains(s, p.required) {
			continue
		}
		if p.re.MatchString(s) {
			return true
		}
	}
	return false
}

// requiredLiteral returns the longest literal that a concatenation at the top of the pattern
// must contain, or "".
func requiredLiteral(pattern string) string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return ""
	}
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	var subs []*syntax.Regexp
	switch re.Op {
	case syntax.OpLiteral:
		subs = []*syntax.Regexp{re}
	case syntax.OpConcat:
		subs = re.Sub
	}
	best := ""
	for _, s := range subs {
		if s.Op == syntax.OpLiteral && s.Flags&syntax.FoldCase == 0 && utf8.RuneCountInString(string(s.Rune)) > utf8.RuneCountInString(best) {
			best = string(s.Rune)
		}
	}
	return best
}
