package checker

import (
	"iter"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/textscan"
	"github.com/fzlint/fzlint/rules"
)

// patternSet matches a list of patterns from the rules file: the plain phrases (most of them)
// with one multi-phrase matcher, the rest as one joined regular expression. Go's regexp is
// slow on long alternations, and most domain patterns are plain phrases.
type patternSet struct {
	lit      *textscan.Matcher
	suffixes []string // patterns that are a phrase at the end: 人民政府$
	re       *regexp.Regexp
	must     *textscan.Matcher // phrases one of which every match of re holds (nil: unknown)
	// either holds the phrases of lit and of must, when there are both: a text that holds
	// none (most) is told in one pass rather than two. nil: not needed.
	either *textscan.Matcher
}

func newPatternSet(ps rules.Patterns) *patternSet {
	if len(ps) == 0 {
		return nil
	}
	lits, must, set := splitPatterns(ps)
	if len(lits) > 0 {
		set.lit = textscan.NewMatcher(lits)
	}
	if set.lit != nil && set.must != nil {
		set.either = textscan.NewMatcher(append(slices.Clone(lits), must...))
	}
	return set
}

// splitPatterns returns the plain phrases of a list, and a set of the rest with the phrases
// that guard it (see patternSet.must).
func splitPatterns(ps rules.Patterns) ([]string, []string, *patternSet) {
	var lits []string
	var rest rules.Patterns
	var suffixes []string
	for _, p := range ps {
		if phrase, ok := p.Phrase(); ok {
			lits = append(lits, phrase)
		} else if suffix := literalSuffix(p.String()); suffix != "" {
			suffixes = append(suffixes, suffix)
		} else {
			rest = append(rest, p)
		}
	}
	set := &patternSet{re: rest.Any(), suffixes: suffixes}
	var must []string
	if set.re != nil {
		if must = requiredPhrases(set.re.String()); must != nil {
			set.must = textscan.NewMatcher(must)
		}
	}
	return lits, must, set
}

// patternGroups matches several lists of patterns at once (the groups of duties): the plain
// phrases of all of them with one multi-phrase matcher, so that a text is read once whatever
// the number of groups, and the rest group by group.
type patternGroups struct {
	lit   *textscan.Matcher
	group []int         // phrase id → group
	rest  []*patternSet // per group, its patterns that are not plain phrases
}

func newPatternGroups(groups []rules.Patterns) *patternGroups {
	g := &patternGroups{}
	var lits []string
	for i, ps := range groups {
		l, _, rest := splitPatterns(ps)
		lits = append(lits, l...)
		for range l {
			g.group = append(g.group, i)
		}
		g.rest = append(g.rest, rest)
	}
	g.lit = textscan.NewMatcher(lits)
	return g
}

// Matched reports which groups match one of the texts, reading each text once and stopping
// when every group has matched.
func (g *patternGroups) Matched(texts iter.Seq[string]) []bool {
	found := make([]bool, len(g.rest))
	left := len(found)
	var buf []textscan.Match
	for s := range texts {
		buf = g.lit.FindAll(buf[:0], s)
		for _, m := range buf {
			if i := g.group[m.ID]; !found[i] {
				found[i] = true
				left--
			}
		}
		for i, rest := range g.rest {
			if !found[i] && rest.MatchString(s) {
				found[i] = true
				left--
			}
		}
		if left == 0 {
			break
		}
	}
	return found
}

// MatchString reports whether any pattern matches s.
func (p *patternSet) MatchString(s string) bool {
	if p == nil {
		return false
	}
	phrase := p.either == nil || p.either.Contains(s)
	if phrase && p.lit != nil && p.lit.Contains(s) {
		return true
	}
	for _, suffix := range p.suffixes {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return p.re != nil && (p.must == nil || phrase && p.must.Contains(s)) && p.re.MatchString(s)
}

// branches finds what the alternation of a list of patterns (rules.Patterns.Any) finds, a
// pattern at a time: the leftmost match, and of those that start there the first pattern's.
// A pattern none of whose required phrases (requiredPhrases) is in the text is not run, so a
// short text meets only the few patterns that may match it, not the whole alternation.
type branches []guardedRegexp

func newBranches(ps rules.Patterns) branches {
	var bs branches
	for _, p := range ps {
		bs = append(bs, guardedRegexp{p, requiredPhrases(p.String())})
	}
	return bs
}

// FindStringIndex is regexp.FindStringIndex of the alternation.
func (bs branches) FindStringIndex(s string) []int {
	var best []int
	for _, b := range bs {
		if b.must != nil && !containsAny(s, b.must) {
			continue
		}
		if loc := b.re.Re().FindStringIndex(s); loc != nil && (best == nil || loc[0] < best[0]) {
			best = loc
		}
	}
	return best
}

// literalSuffix returns the phrase of a pattern that is only a phrase at the end of the text
// (人民政府$), or "".
func literalSuffix(pattern string) string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return ""
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) != 2 || re.Sub[1].Op != syntax.OpEndText {
		return ""
	}
	if lit := re.Sub[0]; lit.Op == syntax.OpLiteral && lit.Flags&syntax.FoldCase == 0 {
		return string(lit.Rune)
	}
	return ""
}

// lineMatcher tests whole short lines against a list of patterns. A pattern anchored at the
// start (^当前位置) is tried only on lines that begin with one of its possible first
// characters; plain phrases go through one phrase matcher; the rest are tried on every line
// that holds one of their guard phrases. Most lines then meet no regular expression at all,
// and hold none of the phrases, which one pass of phrases tells.
type lineMatcher struct {
	byFirst map[rune][]rules.Regexp
	always  []guardedRegexp
	lit     *textscan.Matcher
	// phrases holds the plain phrases and the guard phrases of always: a line that holds
	// none of them is decided without looking for either kind one by one.
	phrases *textscan.Matcher
}

// guardedRegexp is a pattern with phrases one of which every match contains ("打印" in
// [\[【]\s*(我要)?打印\s*[\]】], one of →＞» in \S\s*(→|＞|»)\s*\S): a line with none of them is
// not matched against it.
type guardedRegexp struct {
	re   rules.Regexp // compiled when a text first passes the guard
	must []string     // nil: no phrase known, every line is tried
}

func newLineMatcher(ps rules.Patterns) *lineMatcher {
	lm := &lineMatcher{byFirst: map[rune][]rules.Regexp{}}
	var lits []string
	for _, p := range ps {
		if phrase, ok := p.Phrase(); ok {
			lits = append(lits, phrase)
			continue
		}
		firsts, ok := anchoredFirstRunes(p.String())
		if !ok {
			lm.always = append(lm.always, guardedRegexp{p, requiredPhrases(p.String())})
			continue
		}
		for _, r := range firsts {
			lm.byFirst[r] = append(lm.byFirst[r], p)
		}
	}
	if len(lits) > 0 {
		lm.lit = textscan.NewMatcher(lits)
	}
	phrases := slices.Clone(lits)
	for _, g := range lm.always {
		phrases = append(phrases, g.must...)
	}
	lm.phrases = textscan.NewMatcher(phrases)
	return lm
}

// MatchString reports whether any pattern matches s.
func (lm *lineMatcher) MatchString(s string) bool {
	if lm == nil || s == "" {
		return false
	}
	phrase := lm.phrases.Contains(s)
	if phrase && lm.lit != nil && lm.lit.Contains(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	for _, re := range lm.byFirst[r] {
		if re.Re().MatchString(s) {
			return true
		}
	}
	for _, g := range lm.always {
		if (g.must == nil || phrase && containsAny(s, g.must)) && g.re.Re().MatchString(s) {
			return true
		}
	}
	return false
}

// requiredPhrases returns phrases one of which every match of pattern contains, or nil when
// it knows none. Of the parts of the pattern's top-level sequence it takes the most selective
// set: a literal (视力保护色), an alternation of literals (首页|主页), or a small character
// class ([→＞»]); the longer the shortest phrase of a set, the better, then the fewer phrases.
func requiredPhrases(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	return phrasesOf(re.Simplify())
}

// maxGuardPhrases bounds a set of phrases: a character class of more characters guards little.
const maxGuardPhrases = 8

// phrasesOf is requiredPhrases of a parsed pattern.
func phrasesOf(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == maxGuardPhrases {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpCapture, syntax.OpPlus:
		return phrasesOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return phrasesOf(re.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			ps := phrasesOf(sub)
			if ps == nil || len(out)+len(ps) > maxGuardPhrases {
				return nil
			}
			out = append(out, ps...)
		}
		return out
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if ps := phrasesOf(sub); ps != nil && (best == nil || selective(ps, best)) {
				best = ps
			}
		}
		return best
	}
	return nil
}

// selective reports whether the set of phrases a rejects more lines than b, as far as their
// lengths tell: its shortest phrase is longer, or as long and it has fewer phrases.
func selective(a, b []string) bool {
	shortest := func(ps []string) int {
		n := len(ps[0])
		for _, p := range ps[1:] {
			n = min(n, len(p))
		}
		return n
	}
	if sa, sb := shortest(a), shortest(b); sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

// anchoredFirstRunes returns the characters a match of a ^-anchored pattern can begin with,
// or false when the pattern is not anchored or its first character is not a small known set.
func anchoredFirstRunes(pattern string) ([]rune, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, false
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return nil, false
	}
	return firstRunes(re.Sub[1])
}

func firstRunes(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 || re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return re.Rune[:1], true
	case syntax.OpCharClass:
		var out []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 64 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, r)
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return firstRunes(re.Sub[0])
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return nil, false
		}
		return firstRunes(re.Sub[0])
	case syntax.OpAlternate:
		var out []rune
		for _, sub := range re.Sub {
			rs, ok := firstRunes(sub)
			if !ok {
				return nil, false
			}
			out = append(out, rs...)
		}
		return out, true
	}
	return nil, false
}
