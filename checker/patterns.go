package checker

import (
	"regexp"

	"github.com/fzlint/fzlint/checker/textscan"
	"github.com/fzlint/fzlint/rules"
)

// patternSet matches a list of patterns from the rules file: the plain phrases (most of them)
// with one multi-phrase matcher, the rest as one joined regular expression. Go's regexp is
// slow on long alternations, and most domain patterns are plain phrases.
type patternSet struct {
	lit *textscan.Matcher
	re  *regexp.Regexp
}

func newPatternSet(ps rules.Patterns) *patternSet {
	if len(ps) == 0 {
		return nil
	}
	var lits []string
	var rest rules.Patterns
	for _, p := range ps {
		if prefix, complete := p.LiteralPrefix(); complete && prefix != "" {
			lits = append(lits, prefix)
		} else {
			rest = append(rest, p)
		}
	}
	set := &patternSet{re: rest.Any()}
	if len(lits) > 0 {
		set.lit = textscan.NewMatcher(lits)
	}
	return set
}

// MatchString reports whether any pattern matches s.
func (p *patternSet) MatchString(s string) bool {
	if p == nil {
		return false
	}
	return p.lit != nil && p.lit.Contains(s) || p.re != nil && p.re.MatchString(s)
}
